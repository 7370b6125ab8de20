// Build the checklist from a server answer. Everything in a report may come from an
// untrusted page, so text only ever goes through textContent, and links are kept only
// when they are http(s).
import { pick, t } from "./i18n.js";

const STATUS_ICONS = Object.freeze({
  pass: "✓",
  warn: "!",
  fail: "✕",
  unknown: "?",
  not_applicable: "–",
});
const VERDICTS = ["reliable", "mixed", "doubtful", "unreliable", "unknown"];
const EVIDENCE_MAX = 400;

/** createElement with a class, a text and children; never parses markup. */
export function el(tag, { cls, text, attrs } = {}, ...children) {
  const node = document.createElement(tag);
  if (cls) node.className = cls;
  if (text !== undefined && text !== null) node.textContent = String(text);
  for (const [name, value] of Object.entries(attrs ?? {})) node.setAttribute(name, String(value));
  for (const child of children) if (child) node.append(child);
  return node;
}

/** An <a> for http(s) URLs, plain text for anything else (javascript:, data: ...). */
export function safeLink(text, href) {
  const url = webUrl(href);
  if (!url) return el("span", { cls: "link-text", text: text || String(href ?? "") });
  return el("a", {
    text: text || url,
    attrs: { href: url, target: "_blank", rel: "noopener noreferrer" },
  });
}

export function webUrl(href) {
  try {
    const url = new URL(String(href));
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : "";
  } catch {
    return "";
  }
}

export function renderReport(root, payload, meta = {}) {
  const report = payload.report;
  const verdict = VERDICTS.includes(report.verdict) ? report.verdict : "unknown";
  root.replaceChildren(
    header(report, verdict),
    el("p", { cls: "summary", text: pick(report.summary) }),
    retrievalNotes(report, payload, meta),
    steps(report.steps),
    nextSteps(payload),
    footer(report),
  );
}

function header(report, verdict) {
  const score = Number.isInteger(report.score) ? String(report.score) : "–";
  const scoreBox = el(
    "div",
    { cls: `score verdict-${verdict}`, attrs: { "data-verdict": verdict } },
    el("span", { cls: "score-number", text: score }),
    el("span", { cls: "score-scale", text: Number.isInteger(report.score) ? "/100" : t("scoreNone") }),
  );
  const address = report.final_url || report.url || "";
  return el(
    "header",
    { cls: `report-head verdict-${verdict}` },
    scoreBox,
    el(
      "div",
      { cls: "head-text" },
      el("div", { cls: `verdict-label verdict-${verdict}`, text: t(`verdict_${verdict}`) }),
      el("h1", { cls: "page-title", text: report.title || t("untitled") }),
      el("div", { cls: "page-url", text: address, attrs: { title: address } }),
    ),
  );
}

function retrievalNotes(report, payload, meta) {
  const notes = el("ul", { cls: "notes" });
  const provided = report.retrieval === "provided_html";
  notes.append(
    el("li", {
      cls: "retrieval",
      text: t(provided ? "retrievalProvided" : "retrievalFetched"),
      attrs: { "data-retrieval": report.retrieval },
    }),
  );
  if (meta.captureFailed) notes.append(el("li", { text: t("captureFailed") }));
  if (meta.truncated) notes.append(el("li", { text: t("truncatedNote") }));
  if (payload.cached) notes.append(el("li", { text: t("cachedNote") }));
  return notes;
}

function steps(list) {
  const ordered = [...(Array.isArray(list) ? list : [])].sort((a, b) => a.number - b.number);
  return el(
    "section",
    { cls: "steps" },
    el("h2", { text: t("stepsHeading") }),
    el("ol", { cls: "step-list" }, ...ordered.map(step)),
  );
}

function step(item) {
  const status = STATUS_ICONS[item.status] ? item.status : "unknown";
  const score = Number.isInteger(item.score) ? t("stepScore", item.score) : t("stepNoScore");
  const summary = el(
    "summary",
    {},
    el("span", {
      cls: `icon status-${status}`,
      text: STATUS_ICONS[status],
      attrs: { "aria-hidden": "true" },
    }),
    el("span", { cls: "step-number", text: `${item.number}.` }),
    el("span", { cls: "step-title", text: pick(item.title) }),
    el("span", { cls: `step-status status-${status}`, text: t(`status_${status}`) }),
    el("span", { cls: "step-score", text: score }),
  );
  const details = el(
    "details",
    {},
    summary,
    findings(item.findings),
    advice(item.advice),
    links(item.links),
  );
  details.open = status === "fail" || status === "warn";
  return el("li", { cls: "step", attrs: { "data-step": item.id, "data-status": status } }, details);
}

function findings(list) {
  if (!Array.isArray(list) || list.length === 0) {
    return el("p", { cls: "muted", text: t("noFindings") });
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
    el("span", { cls: "finding-message", text: pick(item.message) }),
  );
  if (item.evidence) {
    const text = String(item.evidence);
    const short = text.length > EVIDENCE_MAX ? `${text.slice(0, EVIDENCE_MAX)}…` : text;
    node.append(el("q", { cls: "evidence", text: short, attrs: { title: text.slice(0, 2000) } }));
  }
  if (item.origin) node.append(el("span", { cls: "origin", text: t("foundIn", originLabel(item.origin)) }));
  return node;
}

/** "json-ld" -> "structured data (JSON-LD)"; origins without a message are shown as they are. */
function originLabel(origin) {
  const key = `origin_${String(origin).toLowerCase().replace(/[^a-z0-9]+/g, "_")}`;
  const label = t(key);
  return label === key ? String(origin) : label;
}

function advice(text) {
  const value = pick(text);
  if (!value) return null;
  return el("p", { cls: "advice" }, el("strong", { text: t("advice") }), ` ${value}`);
}

function links(list) {
  const items = (Array.isArray(list) ? list : []).map((link) =>
    el("li", {}, safeLink(link?.title, link?.url)),
  );
  return items.length ? el("ul", { cls: "links" }, ...items) : null;
}

/** The stored report's link and the fact-checker searches, outside the folded steps. */
function nextSteps(payload) {
  const target = webUrl(payload.share_url) || webUrl(payload.report_url);
  const checkers = (payload.report.steps ?? []).find((s) => s?.id === "factcheckers");
  const searches = links(checkers?.links);
  if (!target && !searches) return null;
  return el(
    "section",
    { cls: "next" },
    el("h2", { text: t("nextSteps") }),
    target ? el("p", { cls: "share" }, safeLink(t("storedReport"), target)) : null,
    searches,
  );
}

function footer(report) {
  const parts = [];
  if (report.checked_at) parts.push(t("checkedAt", formatTime(report.checked_at)));
  if (report.sources?.version) parts.push(t("knowledgeBase", report.sources.version));
  if (report.engine_version) parts.push(`factcheck ${report.engine_version}`);
  return el(
    "footer",
    { cls: "report-foot" },
    el("p", { cls: "disclaimer", text: pick(report.disclaimer) }),
    el("p", { cls: "muted", text: parts.join(" · ") }),
  );
}

function formatTime(iso) {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? String(iso) : date.toLocaleString(document.documentElement.lang);
}

export function renderLoading(root) {
  root.replaceChildren(
    el(
      "div",
      { cls: "state loading", attrs: { role: "status" } },
      el("div", { cls: "spinner", attrs: { "aria-hidden": "true" } }),
      el("h1", { text: t("loading") }),
      el("p", { text: t("loadingHelp") }),
    ),
  );
}

const OPTIONS_KINDS = new Set(["unreachable", "unauthorized", "not_configured", "no_permission", "bad_response"]);

/** An error the user can act on: what happened, what to do, the server's own words. */
export function renderError(root, error, { onRetry, onOptions } = {}) {
  const kind = error?.kind ?? "server_error";
  const box = el(
    "div",
    { cls: `state error error-${kind}`, attrs: { role: "alert", "data-error": kind } },
    el("h1", { text: t(`error_${kind}_title`) }),
    el("p", { cls: "help", text: t(`error_${kind}_help`, error?.server ?? "") }),
  );
  if (error?.message) box.append(el("p", { cls: "detail", text: t("errorDetail", error.message) }));
  if (error?.status) box.append(el("p", { cls: "muted", text: t("errorStatus", error.status) }));
  const actions = el("div", { cls: "actions" });
  if (OPTIONS_KINDS.has(kind) && onOptions) actions.append(button(t("openOptions"), onOptions, "primary"));
  if (onRetry) actions.append(button(t("tryAgain"), onRetry));
  box.append(actions);
  root.replaceChildren(box);
}

export function button(label, onClick, cls = "") {
  const node = el("button", { cls, text: label, attrs: { type: "button" } });
  node.addEventListener("click", onClick);
  return node;
}
