// The check itself, shared by the toolbar popup and the link context menu.
import { ext } from "./browser.js";
import { requestCheck } from "./api.js";
import { loadSettings } from "./settings.js";
import { capturePage } from "./capture.js";
import { addToHistory } from "./history.js";

export const VERDICT_COLOURS = Object.freeze({
  reliable: "#1a7f37",
  mixed: "#9a6700",
  doubtful: "#bc4c00",
  unreliable: "#cf222e",
  unknown: "#6e7781",
});

export function isWebUrl(text) {
  try {
    const url = new URL(text);
    return url.protocol === "http:" || url.protocol === "https:";
  } catch {
    return false;
  }
}

/** Toolbar path: send the tab's URL and the DOM the user sees. */
export async function checkTab(tabId) {
  const settings = await loadSettings();
  const page = await capturePage(tabId);
  const url = page?.url ?? (await tabUrl(tabId));
  if (!url || !isWebUrl(url)) {
    return { ok: false, error: { kind: "not_analysable", status: 0, code: "", message: "" } };
  }
  const body = page?.html ? { url, html: page.html } : { url };
  const result = await requestCheck(settings, body);
  const meta = { sentHtml: Boolean(page?.html), captureFailed: !page, truncated: !!page?.truncated };
  return finish(result, tabId, meta);
}

/** Context-menu path: the server fetches the link itself. */
export async function checkUrl(url, tabId) {
  if (!isWebUrl(url)) {
    return { ok: false, error: { kind: "not_analysable", status: 0, code: "", message: "" } };
  }
  const settings = await loadSettings();
  const result = await requestCheck(settings, { url });
  return finish(result, tabId, { sentHtml: false, captureFailed: false, truncated: false });
}

async function finish(result, tabId, meta) {
  if (result.ok && tabId != null) await showBadge(tabId, result.data.report);
  if (result.ok) await addToHistory(result.data).catch(() => null); // a full disk never hides a report
  return result.ok ? { ...result, meta } : result;
}

async function tabUrl(tabId) {
  try {
    return (await ext.tabs.get(tabId)).url ?? "";
  } catch {
    return "";
  }
}

/** The verdict colour and score on the toolbar icon, for this tab only. */
export async function showBadge(tabId, report) {
  const colour = VERDICT_COLOURS[report.verdict] ?? VERDICT_COLOURS.unknown;
  const text = Number.isInteger(report.score) ? String(report.score) : "?";
  try {
    await ext.action.setBadgeBackgroundColor({ tabId, color: colour });
    await ext.action.setBadgeTextColor?.({ tabId, color: "#ffffff" });
    await ext.action.setBadgeText({ tabId, text });
  } catch {
    // The tab was closed while the check ran: nothing to mark.
  }
}

export async function clearBadge(tabId) {
  try {
    await ext.action.setBadgeText({ tabId, text: "" });
  } catch {
    // Closed tab.
  }
}
