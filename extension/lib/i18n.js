// UI strings through chrome.i18n (browser language), unless the user picked a language
// in Options: then that locale's messages.json is used for the whole page.
import { ext } from "./browser.js";
import { resolveLanguage } from "./settings.js";

let override = null;
let current = "en";

const LOCALE_DIRS = { en: "en", zh: "zh_CN" };

export async function useLanguage(preference) {
  current = resolveLanguage(preference);
  override = null;
  if (preference === "zh" || preference === "en") {
    const file = ext.runtime.getURL(`_locales/${LOCALE_DIRS[current]}/messages.json`);
    override = await fetch(file).then((r) => r.json()).catch(() => null);
  }
  document.documentElement.lang = current === "zh" ? "zh-CN" : "en";
  return current;
}

export function language() {
  return current;
}

/** The message for `key`, with {0}, {1} ... replaced by `subs`. */
export function t(key, ...subs) {
  let text = override?.[key]?.message ?? ext.i18n.getMessage(key) ?? "";
  if (!text) text = key;
  subs.forEach((value, i) => {
    text = text.replaceAll(`{${i}}`, String(value));
  });
  return text;
}

/** Fill every element carrying data-i18n (text) or data-i18n-placeholder. */
export function translatePage(root = document) {
  for (const node of root.querySelectorAll("[data-i18n]")) node.textContent = t(node.dataset.i18n);
  for (const node of root.querySelectorAll("[data-i18n-placeholder]")) {
    node.placeholder = t(node.dataset.i18nPlaceholder);
  }
}

/** Pick the language from a {en, zh} text of the report. */
export function pick(text) {
  if (!text || typeof text !== "object") return typeof text === "string" ? text : "";
  const value = text[current] ?? text.en ?? "";
  return typeof value === "string" ? value : "";
}
