// Build the checklist from a server answer. Everything in a report may come from an
// untrusted page, so text only ever goes through textContent, and links are kept only
// when they are http(s).
import { language, pick, t } from "./i18n.js";
import { hideUntranslated, markdownParts } from "./text.js";

export const STATUS_ICONS = Object.freeze({
  pass: "✓",
  warn: "!",
  fail: "✕",
  unknown: "?",
  not_applicable: "–",
});
export const VERDICTS = Object.freeze(["reliable", "mixed", "doubtful", "unreliable", "unknown"]);

/** createElement with a class, a text and children; never parses markup. */
export function el(tag, { cls, text, attrs } = {}, ...children) {
  const node = document.createElement(tag);
  if (cls) node.className = cls;
  if (text !== undefined && text !== null) node.textContent = String(text);
  for (const [name, value] of Object.entries(attrs ?? {})) node.setAttribute(name, String(value));
  for (const child of children) if (child) node.append(child);
  return node;
}

/** An <a> for http(s) URLs, plain text for anything else (javascript:, data: ...). */
export function safeLink(text, href) {
  const url = webUrl(href);
  if (!url) return el("span", { cls: "link-text", text: text || String(href ?? "") });
  return el("a", {
    text: text || url,
    attrs: { href: url, target: "_blank", rel: "noopener noreferrer" },
  });
}

export function webUrl(href) {
  try {
    const url = new URL(String(href));
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : "";
  } catch {
    return "";
  }
}

/** A report text ({en, zh}) in the reader's language, markdown links made links. */
export function richText(tag, cls, text) {
  const node = el(tag, { cls });
  const value = hideUntranslated(pick(text), language());
  for (const part of markdownParts(value)) {
    node.append(typeof part === "string" ? part : safeLink(part.text, part.url));
  }
  return node;
}

export function renderLoading(root) {
  root.replaceChildren(
    el(
      "div",
      { cls: "state loading", attrs: { role: "status" } },
      el("div", { cls: "spinner", attrs: { "aria-hidden": "true" } }),
      el("h1", { text: t("loading") }),
      el("p", { text: t("loadingHelp") }),
    ),
  );
}

const OPTIONS_KINDS = new Set(["unreachable", "unauthorized", "not_configured", "no_permission", "bad_response"]);

/** An error the user can act on: what happened, what to do, the server's own words. */
export function renderError(root, error, { onRetry, onOptions } = {}) {
  const kind = error?.kind ?? "server_error";
  const box = el(
    "div",
    { cls: `state error error-${kind}`, attrs: { role: "alert", "data-error": kind } },
    el("h1", { text: t(`error_${kind}_title`) }),
    el("p", { cls: "help", text: t(`error_${kind}_help`, error?.server ?? "") }),
  );
  if (error?.message) {
    // The server's own words are English: shown as a technical detail, folded.
    const detail = el(
      "details",
      { cls: "tech" },
      el("summary", { text: t("technicalDetails") }),
      el("p", { cls: "detail", text: t("errorDetail", error.message) }),
    );
    if (error?.status) detail.append(el("p", { cls: "muted", text: t("errorStatus", error.status) }));
    box.append(detail);
  } else if (error?.status) {
    box.append(el("p", { cls: "muted", text: t("errorStatus", error.status) }));
  }
  const actions = el("div", { cls: "actions" });
  if (OPTIONS_KINDS.has(kind) && onOptions) actions.append(button(t("openOptions"), onOptions, "primary"));
  if (onRetry) actions.append(button(t("tryAgain"), onRetry));
  box.append(actions);
  root.replaceChildren(box);
}

export function button(label, onClick, cls = "") {
  const node = el("button", { cls, text: label, attrs: { type: "button" } });
  node.addEventListener("click", onClick);
  return node;
}
