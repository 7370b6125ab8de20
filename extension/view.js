// The checklist view, used by the toolbar popup (popup.html: the current tab) and by the
// report page (report.html?url=...: a link from the context menu).
import { ext } from "./lib/browser.js";
import { loadSettings } from "./lib/settings.js";
import { t, translatePage, useLanguage } from "./lib/i18n.js";
import { renderError, renderLoading } from "./lib/render.js";
import { renderReport } from "./lib/report.js";

const params = new URLSearchParams(location.search);
const root = document.getElementById("app");

async function main() {
  const settings = await loadSettings();
  await useLanguage(settings.language);
  translatePage();
  document.getElementById("recheck").addEventListener("click", run);
  document.getElementById("options").addEventListener("click", openOptions);
  document.getElementById("history").addEventListener("click", openHistory);
  await run();
}

function openOptions() {
  ext.runtime.openOptionsPage();
}

function openHistory() {
  ext.tabs.create({ url: ext.runtime.getURL("history.html") });
}

/** Which check to ask for: a link (report page), a tab given for tests, or the active tab. */
async function request() {
  if (params.has("url")) return { type: "check-url", url: params.get("url") };
  let tabId = params.has("tab") ? Number(params.get("tab")) : null;
  if (tabId === null) {
    const [tab] = await ext.tabs.query({ active: true, currentWindow: true });
    tabId = tab?.id ?? null;
  }
  return Number.isInteger(tabId) ? { type: "check-tab", tabId } : null;
}

async function run() {
  root.dataset.state = "loading";
  renderLoading(root);
  const message = await request();
  const result = message
    ? await ext.runtime.sendMessage(message).catch((err) => failed(String(err)))
    : { ok: false, error: { kind: "not_analysable" } };
  if (result?.ok) {
    renderReport(root, result.data, result.meta);
    root.dataset.state = "report";
    document.title = `${t("extName")}: ${result.data.report.title || ""}`;
  } else {
    renderError(root, result?.error ?? failed("").error, { onRetry: run, onOptions: openOptions });
    root.dataset.state = "error";
  }
}

function failed(message) {
  return { ok: false, error: { kind: "server_error", status: 0, code: "", message } };
}

main();
