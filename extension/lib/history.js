// The last checks, kept in storage.local (this browser only, never synced): enough to find
// a report again and to reopen its stored link. Clearable from the history page.
import { ext } from "./browser.js";

export const HISTORY_KEY = "history";
export const HISTORY_MAX = 100;

/** One entry per check: what was checked, the verdict, and where the report lives. */
export function historyEntry(payload) {
  const report = payload.report ?? {};
  return {
    id: String(payload.id ?? ""),
    url: String(report.final_url || report.url || ""),
    title: String(report.title ?? "").slice(0, 300),
    score: Number.isInteger(report.score) ? report.score : null,
    verdict: String(report.verdict ?? "unknown"),
    checkedAt: String(report.checked_at ?? new Date().toISOString()),
    shareUrl: String(payload.share_url || payload.report_url || ""),
  };
}

export async function loadHistory() {
  const stored = await ext.storage.local.get(HISTORY_KEY);
  return Array.isArray(stored[HISTORY_KEY]) ? stored[HISTORY_KEY] : [];
}

/** Newest first; a re-check of the same report moves it to the top; at most HISTORY_MAX. */
export async function addToHistory(payload) {
  const entry = historyEntry(payload);
  const rest = (await loadHistory()).filter((item) => !(entry.id && item.id === entry.id));
  const list = [entry, ...rest].slice(0, HISTORY_MAX);
  await ext.storage.local.set({ [HISTORY_KEY]: list });
  return list;
}

export async function clearHistory() {
  await ext.storage.local.remove(HISTORY_KEY);
}
