// Options: server address (validated, host permission asked for on save), token, language.
import { ext } from "./lib/browser.js";
import { requestHealth, requestTokenCheck } from "./lib/api.js";
import { loadSettings, originPattern, saveSettings, validateServerUrl } from "./lib/settings.js";
import { t, translatePage, useLanguage } from "./lib/i18n.js";

const form = document.getElementById("form");
const fields = {
  serverUrl: document.getElementById("serverUrl"),
  token: document.getElementById("token"),
  language: document.getElementById("language"),
};
const message = document.getElementById("message");

function say(text, kind) {
  message.textContent = text;
  message.className = kind;
  message.dataset.kind = kind;
}

/**
 * Validate, then ask for the server's host permission. permissions.request must run inside
 * the click (the user gesture), so nothing is awaited before it. Returns the address or null.
 */
function validatedAddressWithPermission() {
  const checked = validateServerUrl(fields.serverUrl.value);
  if (!checked.ok) {
    fields.serverUrl.setAttribute("aria-invalid", "true");
    say(t("invalidUrl"), "error");
    return null;
  }
  fields.serverUrl.removeAttribute("aria-invalid");
  const granted = ext.permissions
    .request({ origins: [originPattern(checked.url)] })
    .catch(() => false);
  return { ...checked, granted };
}

async function onSave(event) {
  event.preventDefault();
  const checked = validatedAddressWithPermission();
  if (!checked) return;
  const granted = await checked.granted;
  await saveSettings({
    serverUrl: checked.url,
    token: fields.token.value.trim(),
    language: fields.language.value,
  });
  fields.serverUrl.value = checked.url;
  if (!granted) return say(t("permissionDenied", checked.url), "error");
  await useLanguage(fields.language.value);
  translatePage();
  say(checked.insecure ? `${t("saved")} ${t("httpWarning")}` : t("saved"), checked.insecure ? "warn" : "ok");
}

async function onTest() {
  const checked = validatedAddressWithPermission();
  if (!checked) return;
  if (!(await checked.granted)) return say(t("permissionDenied", checked.url), "error");
  const answer = await requestHealth(checked.url);
  if (!answer.ok) {
    if (answer.error.status) {
      return say(t("connectionNotFactcheck", checked.url, answer.error.status), "error");
    }
    return say(t("connectionFailed", checked.url), "error");
  }
  const token = fields.token.value.trim();
  const access = await requestTokenCheck(checked.url, token);
  if (!access.ok) {
    const kind = access.error.kind;
    if (kind === "unauthorized") return say(t(token ? "tokenRejected" : "tokenMissing"), "error");
    return say(t("connectionFailed", checked.url), "error");
  }
  const { version = "?", schema_version: schema = "?", storage = "?" } = answer.data;
  say(t(token ? "connectionOk" : "connectionOkNoToken", version, schema, storage), "ok");
}

async function main() {
  const settings = await loadSettings();
  await useLanguage(settings.language);
  translatePage();
  fields.serverUrl.value = settings.serverUrl;
  fields.token.value = settings.token;
  fields.language.value = settings.language;
  form.addEventListener("submit", onSave);
  document.getElementById("test").addEventListener("click", onTest);
  document.body.dataset.ready = "true";
}

main();
