// The whole report view: overview first (verdict, confidence, the seven steps as a row of
// icons), then what to do with it (copy, share), then the folded steps and the footer.
import { pick, t } from "./i18n.js";
import { el, richText, STATUS_ICONS, VERDICTS } from "./render.js";
import { stepsSection } from "./steps.js";
import { shareBar } from "./sharebar.js";

export function renderReport(root, payload, meta = {}) {
  const report = payload.report;
  const verdict = VERDICTS.includes(report.verdict) ? report.verdict : "unknown";
  const seen = new Set();
  const shareNode = shareBar(payload, seen);
  root.replaceChildren(
    el(
      "section",
      { cls: "overview" },
      header(report, verdict),
      richText("p", "summary", report.summary),
      stepRow(report.steps),
      shareNode,
    ),
    stepsSection(report, seen),
    retrievalNotes(report, payload, meta),
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
      el(
        "div",
        { cls: "verdict-line" },
        el("span", { cls: `verdict-label verdict-${verdict}`, text: t(`verdict_${verdict}`) }),
        confidence(report.confidence),
      ),
      el("h1", { cls: "page-title", text: report.title || t("untitled") }),
      el("div", { cls: "page-url", text: address, attrs: { title: address } }),
    ),
  );
}

const CONFIDENCE_LEVELS = ["low", "medium", "high"];

/**
 * The report's confidence, when the server sends one: a level ("low" | "medium" | "high"),
 * a number 0..1, or {level, value?, reason?: {en, zh}}.
 */
export function confidenceLevel(value) {
  if (value === null || value === undefined) return null;
  const raw = typeof value === "object" ? (value.level ?? value.value ?? value.score) : value;
  if (typeof raw === "string" && CONFIDENCE_LEVELS.includes(raw.toLowerCase())) return raw.toLowerCase();
  const number = Number(raw);
  if (raw === "" || !Number.isFinite(number)) return null;
  const share = number > 1 ? number / 100 : number;
  return share >= 0.75 ? "high" : share >= 0.5 ? "medium" : "low";
}

function confidence(value) {
  const level = confidenceLevel(value);
  if (!level) return null;
  const node = el("span", {
    cls: `confidence confidence-${level}`,
    text: t("confidence", t(`confidence_${level}`)),
    attrs: { "data-confidence": level },
  });
  const reason = typeof value === "object" ? pick(value.reason) : "";
  if (reason) node.title = reason;
  return node;
}

/** Seven icons in WHO order; each jumps to its step and opens it. */
function stepRow(list) {
  const ordered = [...(Array.isArray(list) ? list : [])].sort((a, b) => a.number - b.number);
  const row = el("nav", { cls: "step-row", attrs: { "aria-label": t("stepsHeading") } });
  for (const item of ordered) {
    const status = STATUS_ICONS[item.status] ? item.status : "unknown";
    const label = `${item.number}. ${pick(item.title)}: ${t(`status_${status}`)}`;
    const jump = el(
      "button",
      {
        cls: `jump status-${status}`,
        attrs: { type: "button", title: label, "aria-label": label, "data-step": item.id },
      },
      el("span", { cls: `icon status-${status}`, text: STATUS_ICONS[status] }),
      el("span", { cls: "jump-number", text: String(item.number) }),
    );
    jump.addEventListener("click", () => openStep(item.id));
    row.append(jump);
  }
  return row;
}

function openStep(id) {
  const target = document.querySelector(`.step[data-step="${CSS.escape(id)}"]`);
  if (!target) return;
  const details = target.querySelector("details");
  if (details) details.open = true;
  target.scrollIntoView({ block: "start" });
  target.querySelector("summary")?.focus();
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

export function formatTime(iso) {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? String(iso) : date.toLocaleString(document.documentElement.lang);
}
