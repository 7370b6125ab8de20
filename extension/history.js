// The last checks made in this browser (storage.local), newest first, with their stored
// report links; "Clear history" removes them all.
import { loadSettings } from "./lib/settings.js";
import { t, translatePage, useLanguage } from "./lib/i18n.js";
import { el, safeLink, VERDICTS, webUrl } from "./lib/render.js";
import { clearHistory, loadHistory } from "./lib/history.js";
import { formatTime } from "./lib/report.js";

const list = document.getElementById("list");
const empty = document.getElementById("empty");

function row(entry) {
  const verdict = VERDICTS.includes(entry.verdict) ? entry.verdict : "unknown";
  const score = Number.isInteger(entry.score) ? String(entry.score) : "–";
  const target = webUrl(entry.shareUrl) || webUrl(entry.url);
  return el(
    "li",
    { cls: "history-item", attrs: { "data-verdict": verdict } },
    el("span", { cls: `verdict-label verdict-${verdict}`, text: `${score} ${t(`verdict_${verdict}`)}` }),
    el(
      "span",
      { cls: "history-text" },
      safeLink(entry.title || entry.url || t("untitled"), target),
      el("span", { cls: "muted", text: ` ${formatTime(entry.checkedAt)} · ${entry.url}` }),
    ),
  );
}

async function show() {
  const entries = await loadHistory();
  list.replaceChildren(...entries.map(row));
  empty.hidden = entries.length > 0;
  document.body.dataset.count = String(entries.length);
}

async function main() {
  const settings = await loadSettings();
  await useLanguage(settings.language);
  translatePage();
  document.title = t("historyTitle");
  document.getElementById("clear").addEventListener("click", async () => {
    await clearHistory();
    await show();
  });
  await show();
  document.body.dataset.ready = "true";
}

main();
