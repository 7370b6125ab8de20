// Plain texts a communication officer copies: the summary (verdict, the three weightiest
// findings, links) and a short neutral reply for social media that cites the matched
// debunk and the relevant authority's own page, with the disclaimer. One language each.
import { pick, t } from "./i18n.js";
import { hideUntranslated, plainText } from "./text.js";

const TITLE_MAX = 40;
// Authorities the reply may point to when the page names or imitates them.
const AUTHORITY_KEYS = Object.freeze({
  "who.int": "who",
  "nhc.gov.cn": "nhc",
  "chinacdc.cn": "chinacdc",
  "nmpa.gov.cn": "nmpa",
  "cdc.gov": "cdc",
  "nih.gov": "nih",
  "fda.gov": "fda",
  "nhs.uk": "nhs",
});
const DEFAULT_AUTHORITY = Object.freeze({ zh: "nhc.gov.cn", other: "who.int" });
const OFFICIAL_TITLE = /^(official site|官方网站)/i;

export function isLocalAddress(href) {
  try {
    const host = new URL(String(href)).hostname.replace(/^\[|\]$/g, "");
    return (
      host === "localhost" || host.endsWith(".localhost") || host === "::1" || host === "0.0.0.0" ||
      /^127\./.test(host) || /^10\./.test(host) || /^192\.168\./.test(host) ||
      /^172\.(1[6-9]|2\d|3[01])\./.test(host) || /^169\.254\./.test(host) || /^f[cd][0-9a-f]{2}:/i.test(host)
    );
  } catch {
    return false;
  }
}

function stepById(report, id) {
  return (Array.isArray(report.steps) ? report.steps : []).find((s) => s?.id === id) ?? null;
}

function clean(text, lang) {
  return plainText(hideUntranslated(text, lang)).trim();
}

// On equal points, a finding about the claim itself reads better in a reply than one
// about the site's set-up.
const STEP_PRIORITY = ["factcheckers", "evidence", "headline", "bias", "source", "author", "date"];

/** The findings that moved the score most (only the negative ones for a reply). */
export function topFindings(report, lang, count = 3, negativeOnly = false) {
  const all = (report.steps ?? []).flatMap((s) =>
    (Array.isArray(s.findings) ? s.findings : []).map((f) => ({ f, rank: STEP_PRIORITY.indexOf(s.id) })),
  );
  return all
    .filter(({ f }) => Number.isFinite(f.impact) && (negativeOnly ? f.impact < 0 : f.impact !== 0))
    .sort((a, b) => Math.abs(b.f.impact) - Math.abs(a.f.impact) || a.rank - b.rank)
    .slice(0, count)
    .map(({ f }) => clean(pick(f.message), lang))
    .filter(Boolean);
}

/** Fact-checks of this page's claim: matched debunk articles, then ClaimReview ratings. */
export function debunks(report) {
  const data = stepById(report, "factcheckers")?.data ?? {};
  const found = (Array.isArray(data.debunk_matches) ? data.debunk_matches : [])
    .filter((m) => /^https?:/.test(String(m.url ?? "")))
    .map((m) => ({ title: String(m.title ?? ""), outlet: String(m.outlet ?? ""), url: m.url }));
  for (const review of Array.isArray(data.claim_reviews) ? data.claim_reviews : []) {
    if (/^https?:/.test(String(review.url ?? "")) && ["false", "misleading"].includes(review.rating)) {
      found.push({ title: String(review.claim ?? ""), outlet: String(review.reviewer ?? ""), url: review.url });
    }
  }
  return found;
}

/** The authority whose own page the reply cites: the one imitated, else the page's health authority. */
export function authority(report) {
  const source = stepById(report, "source");
  const official = (source?.links ?? []).find((l) => OFFICIAL_TITLE.test(pickTitle(l.title)) && domainOf(l.url));
  const imitated = String(source?.data?.impersonates ?? "");
  let domain = DEFAULT_AUTHORITY[report.language === "zh" ? "zh" : "other"];
  let url = `https://www.${domain}/`;
  if (official) {
    domain = domainOf(official.url);
    url = official.url;
  } else if (imitated) {
    domain = imitated;
    url = `https://${imitated}/`;
  }
  const key = AUTHORITY_KEYS[domain];
  return { name: key ? t(`authority_${key}`) : domain, url };
}

function pickTitle(title) {
  return typeof title === "object" && title ? String(title.en ?? "") : String(title ?? "");
}

function domainOf(href) {
  try {
    return new URL(String(href)).hostname.replace(/^www\./, "");
  } catch {
    return "";
  }
}

function shortTitle(report) {
  const title = String(report.title || report.url || "").trim();
  return title.length > TITLE_MAX ? `${title.slice(0, TITLE_MAX)}…` : title;
}

/** "copy summary": verdict, three findings, links, the disclaimer. */
export function summaryText(payload, lang) {
  const report = payload.report;
  const verdict = t(`verdict_${report.verdict}`);
  const score = Number.isInteger(report.score) ? t("copyScore", report.score) : t("scoreNone");
  const lines = [t("copyHeading", verdict, score), report.title || "", report.final_url || report.url || ""];
  const findings = topFindings(report, lang);
  if (findings.length) lines.push("", t("copyFindings"), ...findings.map((f, i) => `${i + 1}. ${f}`));
  const refs = debunks(report).slice(0, 2).map((d) => t("copyRef", t("debunkLink", d.title, d.outlet), d.url));
  const auth = authority(report);
  refs.push(t("copyRef", auth.name, auth.url));
  const share = payload.share_url || payload.report_url;
  if (share && !isLocalAddress(share)) refs.push(t("copyRef", t("copyFullReport"), share));
  lines.push("", t("copyLinks"), ...refs, "", pick(report.disclaimer));
  return lines.filter((line, i) => !(line === "" && lines[i - 1] === "")).join("\n").trim();
}

/** "copy reply": a short neutral correction to post under the rumour. */
export function replyText(payload, lang) {
  const report = payload.report;
  const [debunk] = debunks(report);
  const auth = authority(report);
  const title = shortTitle(report);
  const space = lang === "zh" ? "" : " ";
  let opening;
  if (debunk) {
    opening = t("replyDebunked", title, debunk.outlet || debunk.title, debunk.url);
  } else {
    const [reason] = topFindings(report, lang, 1, true);
    opening = t(`replyVerdict_${report.verdict}`, title) + (reason ? space + t("replyReason", reason) : "");
  }
  // A line each: an address never runs into the next sentence.
  return [opening, t("replyAuthority", auth.name, auth.url), t("replyShare"), pick(report.disclaimer)].join("\n");
}
