// Options kept in storage.local (the token is a secret: never in storage.sync).
import { ext } from "./browser.js";

export const DEFAULTS = Object.freeze({
  serverUrl: "http://127.0.0.1:8000",
  token: "",
  language: "auto", // "auto" | "zh" | "en"
});

export const LANGUAGES = Object.freeze(["auto", "zh", "en"]);

export async function loadSettings() {
  const stored = await ext.storage.local.get(Object.keys(DEFAULTS));
  const settings = { ...DEFAULTS, ...stored };
  if (!LANGUAGES.includes(settings.language)) settings.language = "auto";
  return settings;
}

export async function saveSettings(settings) {
  await ext.storage.local.set({
    serverUrl: settings.serverUrl,
    token: settings.token,
    language: settings.language,
  });
}

/**
 * Check a server address typed by the user. Returns {ok, url, insecure} with the
 * normalised address (no trailing slash) or {ok: false}. Only http(s), no credentials,
 * no query or fragment: the address is a base that API paths are appended to.
 */
export function validateServerUrl(text) {
  let url;
  try {
    url = new URL(String(text ?? "").trim());
  } catch {
    return { ok: false };
  }
  const schemeOk = url.protocol === "http:" || url.protocol === "https:";
  if (!schemeOk || !url.hostname || url.username || url.password || url.search || url.hash) {
    return { ok: false };
  }
  const base = url.origin + url.pathname.replace(/\/+$/, "");
  return { ok: true, url: base, insecure: url.protocol === "http:" && !isLoopback(url.hostname) };
}

export function isLoopback(hostname) {
  return hostname === "localhost" || hostname === "[::1]" || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/** The host permission pattern for a server address (match patterns ignore the port). */
export function originPattern(serverUrl) {
  const url = new URL(serverUrl);
  return `${url.protocol}//${url.hostname}/*`;
}

/**
 * The language reports are shown in: the option, else the locale chrome.i18n picked for
 * the UI (read from its own messages, so report and UI always agree).
 */
export function resolveLanguage(preference) {
  if (preference === "zh" || preference === "en") return preference;
  const picked = ext.i18n.getMessage("reportLanguage");
  if (picked === "zh" || picked === "en") return picked;
  return (ext.i18n.getUILanguage?.() || "en").toLowerCase().startsWith("zh") ? "zh" : "en";
}
