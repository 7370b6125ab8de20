// One handle on the WebExtension API: Firefox exposes `browser`, Chromium `chrome`;
// both return promises in Manifest V3.
export const ext = globalThis.browser ?? globalThis.chrome;
