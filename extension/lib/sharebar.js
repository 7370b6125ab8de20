// What to do with a report: copy a summary, copy a reply to post, open the stored report
// (the link for colleagues), with a warning when that link only works on this computer.
import { language, t } from "./i18n.js";
import { el, safeLink, webUrl } from "./render.js";
import { isLocalAddress, replyText, summaryText } from "./compose.js";

export function shareBar(payload, seen) {
  const target = webUrl(payload.share_url) || webUrl(payload.report_url);
  const bar = el(
    "div",
    { cls: "share-bar" },
    copyButton("copySummary", () => summaryText(payload, language()), "copy-summary"),
    copyButton("copyReply", () => replyText(payload, language()), "copy-reply primary"),
  );
  const box = el("div", { cls: "next" }, bar);
  if (target) {
    seen.add(target);
    bar.append(el("span", { cls: "share" }, safeLink(t("storedReport"), target)));
    if (isLocalAddress(target)) {
      box.append(el("p", { cls: "warning local-share", attrs: { role: "note" }, text: t("localShareWarning") }));
    }
  }
  return box;
}

function copyButton(key, compose, cls) {
  const node = el("button", { cls, text: t(key), attrs: { type: "button", "data-copy": key } });
  node.addEventListener("click", async () => {
    const text = compose();
    const done = await copyText(text);
    node.textContent = t(done ? "copied" : "copyFailed");
    node.dataset.state = done ? "copied" : "failed";
    setTimeout(() => {
      node.textContent = t(key);
      delete node.dataset.state;
    }, 2500);
  });
  return node;
}

/** Clipboard API first; the textarea + execCommand fallback for older Firefox. */
export async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = el("textarea", { text, attrs: { readonly: "", "aria-hidden": "true" } });
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.append(area);
    area.select();
    const ok = document.execCommand("copy");
    area.remove();
    return ok;
  }
}
