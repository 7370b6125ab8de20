// The seven steps, folded: each shows its status, score and a one-line reason; opened, the
// findings in the reader's language, the advice, the links (each link once in the whole
// report) and, folded again, the technical details (codes, origins, model numbers).
import { language, pick, t } from "./i18n.js";
import { el, richText, safeLink, STATUS_ICONS, webUrl } from "./render.js";
import { hideUntranslated, isInternals, markdownParts, originKeys, pickLinkTitle, plainText } from "./text.js";

const EVIDENCE_MAX = 400;
// Evidence from these origins is the engine's working (page script, model), never a quote.
const TECHNICAL_ORIGINS = new Set(["script", "htmldate", "debunk-index", "google-factcheck-api", "trafilatura"]);

export function stepsSection(report, seen) {
  const ordered = [...(Array.isArray(report.steps) ? report.steps : [])].sort((a, b) => a.number - b.number);
  return el(
    "section",
    { cls: "steps" },
    el("h2", { text: t("stepsHeading") }),
    el("ol", { cls: "step-list" }, ...ordered.map((item) => step(item, seen))),
  );
}

/** The line shown under a folded step: its weightiest finding, else its advice. */
export function reasonLine(item) {
  const findings = Array.isArray(item.findings) ? item.findings : [];
  const byWeight = [...findings].sort((a, b) => weight(b, item.status) - weight(a, item.status));
  const text = byWeight.length ? pick(byWeight[0].message) : pick(item.advice);
  return plainText(hideUntranslated(text, language()));
}

function weight(finding, status) {
  const impact = Number.isFinite(finding.impact) ? finding.impact : 0;
  return status === "pass" ? impact : -impact;
}

function step(item, seen) {
  const status = STATUS_ICONS[item.status] ? item.status : "unknown";
  const score = Number.isInteger(item.score) ? t("stepScore", item.score) : t("stepNoScore");
  const summary = el(
    "summary",
    {},
    el("span", { cls: `icon status-${status}`, text: STATUS_ICONS[status], attrs: { "aria-hidden": "true" } }),
    el(
      "span",
      { cls: "step-head" },
      el(
        "span",
        { cls: "step-line" },
        el("span", { cls: "step-number", text: `${item.number}.` }),
        el("span", { cls: "step-title", text: pick(item.title) }),
        el("span", { cls: `step-status status-${status}`, text: t(`status_${status}`) }),
        el("span", { cls: "step-score", text: score }),
      ),
      el("span", { cls: "step-reason", text: reasonLine(item) }),
    ),
  );
  const details = el(
    "details",
    {},
    summary,
    findings(item.findings, item.advice),
    advice(item.advice),
    links(stepLinks(item), seen),
    technical(item),
  );
  details.open = false; // folded by default: the overview row and the reason line come first
  return el("li", { cls: "step", attrs: { "data-step": item.id, "data-status": status } }, details);
}

function findings(list, adviceText) {
  if (!Array.isArray(list) || list.length === 0) {
    return pick(adviceText) ? null : el("p", { cls: "muted", text: t("noFindings") });
  }
  return el("ul", { cls: "findings" }, ...list.map(finding));
}

function finding(item) {
  const impact = Number.isFinite(item.impact) ? item.impact : 0;
  const sign = impact > 0 ? "+" : impact < 0 ? "−" : "±";
  const node = el(
    "li",
    { cls: "finding", attrs: { "data-code": item.code ?? "" } },
    el("span", {
      cls: `impact ${impact > 0 ? "pos" : impact < 0 ? "neg" : "zero"}`,
      text: `${sign}${Math.abs(impact)}`,
      attrs: { title: t("points") },
    }),
    richText("span", "finding-message", item.message),
  );
  if (quotable(item)) {
    // Page text as the reader saw it: a markdown link from the extraction shows its words.
    const text = markdownParts(item.evidence).map((p) => (typeof p === "string" ? p : p.text)).join("");
    const short = text.length > EVIDENCE_MAX ? `${text.slice(0, EVIDENCE_MAX)}…` : text;
    node.append(el("q", { cls: "evidence", text: short, attrs: { title: text.slice(0, 2000) } }));
  }
  return node;
}

/** Evidence shown in the open: a quote from the page, not the engine's working. */
export function quotable(item) {
  if (!item.evidence) return false;
  return !TECHNICAL_ORIGINS.has(String(item.origin ?? "").toLowerCase()) && !isInternals(item.evidence);
}

function advice(text) {
  const value = pick(text);
  if (!value) return null;
  return el("p", { cls: "advice" }, el("strong", { text: t("advice") }), " ", richText("span", "", text));
}

/** The step's links; for step 7 the matched debunk articles come first. */
export function stepLinks(item) {
  const list = Array.isArray(item.links) ? [...item.links] : [];
  if (item.id !== "factcheckers") return list;
  const matches = Array.isArray(item.data?.debunk_matches) ? item.data.debunk_matches : [];
  const debunks = matches.map((m) => ({
    title: t("debunkLink", String(m.title ?? ""), String(m.outlet ?? "")),
    url: m.url,
    debunk: true,
  }));
  return [...debunks, ...list];
}

function links(list, seen) {
  const lang = language();
  const items = [];
  for (const link of list) {
    const url = webUrl(link?.url);
    if (url && seen.has(url)) continue; // each link once in the whole report
    if (url) seen.add(url);
    const node = el("li", {}, safeLink(pickLinkTitle(link?.title, lang), link?.url));
    if (link.debunk) node.className = "debunk";
    items.push(node);
  }
  return items.length ? el("ul", { cls: "links" }, ...items) : null;
}

/** Codes, origins and the evidence that is the engine's working, folded. */
function technical(item) {
  const rows = (Array.isArray(item.findings) ? item.findings : []).map((f) => {
    const parts = [String(f.code ?? "")];
    if (f.origin) parts.push(t("foundIn", originLabel(f.origin)));
    const row = el("li", { text: parts.join(" · ") });
    if (f.evidence && !quotable(f)) {
      row.append(el("code", { cls: "evidence-raw", text: String(f.evidence).slice(0, 2000) }));
    }
    return row;
  });
  if (!rows.length) return null;
  return el(
    "details",
    { cls: "tech" },
    el("summary", { text: t("technicalDetails") }),
    el("ul", { cls: "tech-list" }, ...rows),
  );
}

/** "json-ld" -> "structured data (JSON-LD)"; unknown origins show as they are (folded). */
export function originLabel(origin) {
  return originKeys(origin)
    .map((key, i) => {
      const label = t(key);
      return label === key ? String(origin).split("/")[i] : label;
    })
    .join(" / ");
}
