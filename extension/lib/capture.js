// Read the page the user sees (the DOM, after scripts and logins), capped in size.
import { ext } from "./browser.js";

// The server accepts 5 MB of HTML (MAX_HTML_BYTES); stay under it, with room for JSON escapes.
export const HTML_CAP_BYTES = 4000000;

/**
 * Returns {url, html, truncated} for an http(s) tab we may script, {url} when the tab
 * shows something that is not an HTML document, or null when the tab cannot be read
 * (no permission, browser page, the extension store).
 */
export async function capturePage(tabId) {
  try {
    const [injection] = await ext.scripting.executeScript({
      target: { tabId },
      func: snapshotDocument,
      args: [HTML_CAP_BYTES],
    });
    return injection?.result ?? null;
  } catch {
    return null;
  }
}

/** Runs inside the page: keep it self-contained (it is serialised). */
function snapshotDocument(capBytes) {
  const url = location.href;
  if (!/^https?:$/.test(location.protocol)) return { url };
  if (document.contentType && !/html/i.test(document.contentType)) return { url };
  const doctype = document.doctype ? `<!DOCTYPE ${document.doctype.name}>\n` : "";
  let html = doctype + document.documentElement.outerHTML;
  const encoder = new TextEncoder();
  let truncated = false;
  while (encoder.encode(html).length > capBytes) {
    truncated = true;
    html = html.slice(0, Math.floor(html.length * 0.9));
  }
  return { url, html, truncated };
}
