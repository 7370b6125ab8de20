// Background (Chromium service worker, Firefox event page): the link context menu,
// checks requested by the popup and report pages, and the per-tab badge.
import { ext } from "./lib/browser.js";
import { checkTab, checkUrl, clearBadge, isWebUrl } from "./lib/check.js";

export const MENU_ID = "factcheck-check-link";

async function createMenu() {
  await ext.contextMenus.removeAll();
  ext.contextMenus.create({
    id: MENU_ID,
    title: ext.i18n.getMessage("menuCheckLink"),
    contexts: ["link"],
    targetUrlPatterns: ["http://*/*", "https://*/*"],
  });
}

/** "Check this link": open the report page for the link; it asks us for the check. */
export async function onMenuClicked(info, tab) {
  if (info.menuItemId !== MENU_ID || !isWebUrl(info.linkUrl)) return null;
  const url = ext.runtime.getURL(`report.html?url=${encodeURIComponent(info.linkUrl)}`);
  const placement = tab && tab.id >= 0 ? { index: tab.index + 1, openerTabId: tab.id } : {};
  return ext.tabs.create({ url, ...placement });
}

function fromOurPages(sender) {
  return sender.id === ext.runtime.id && String(sender.url ?? "").startsWith(ext.runtime.getURL(""));
}

function onMessage(message, sender, sendResponse) {
  if (!fromOurPages(sender) || typeof message !== "object" || message === null) return false;
  let work;
  if (message.type === "check-tab" && Number.isInteger(message.tabId)) {
    work = checkTab(message.tabId);
  } else if (message.type === "check-url" && typeof message.url === "string") {
    work = checkUrl(message.url, sender.tab?.id ?? null);
  } else {
    return false;
  }
  work.then(sendResponse, (err) =>
    sendResponse({ ok: false, error: { kind: "server_error", status: 0, code: "", message: String(err) } }),
  );
  return true; // answer asynchronously
}

// Listeners are registered synchronously at start-up so a waking worker sees its event.
ext.runtime.onInstalled.addListener(createMenu);
ext.runtime.onStartup.addListener(createMenu);
ext.contextMenus.onClicked.addListener(onMenuClicked);
ext.runtime.onMessage.addListener(onMessage);
ext.tabs.onUpdated.addListener((tabId, change) => {
  if (change.status === "loading") clearBadge(tabId);
});

// The browser tests drive the menu handler through this (menus cannot be clicked headless).
globalThis.factcheckBackground = { onMenuClicked, checkTab, checkUrl, MENU_ID };
