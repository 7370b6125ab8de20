// Talking to the factcheck server. Every failure becomes {ok: false, error: {kind, ...}}
// with a kind the views know how to explain; nothing here throws.
import { ext } from "./browser.js";
import { originPattern } from "./settings.js";

export const CHECK_TIMEOUT_MS = 60000;
const HEALTH_TIMEOUT_MS = 8000;

/** POST /api/v1/check with {url, html?}. */
export async function requestCheck(settings, body) {
  if (!settings.serverUrl) return failure("not_configured");
  if (!(await hasServerPermission(settings.serverUrl))) {
    return failure("no_permission", { server: settings.serverUrl });
  }
  const headers = { "Content-Type": "application/json", Accept: "application/json" };
  if (settings.token) headers.Authorization = `Bearer ${settings.token}`;
  const answer = await send(`${settings.serverUrl}/api/v1/check`, {
    method: "POST",
    headers,
    body: JSON.stringify(body),
    timeout: CHECK_TIMEOUT_MS,
  });
  if (!answer.ok) return { ...answer, error: { ...answer.error, server: settings.serverUrl } };
  if (!isCheckResponse(answer.data)) {
    return failure("bad_response", { status: answer.status, server: settings.serverUrl });
  }
  return { ok: true, data: answer.data };
}

/** GET /api/v1/health (no token needed). */
export async function requestHealth(serverUrl) {
  const answer = await send(`${serverUrl}/api/v1/health`, {
    method: "GET",
    headers: { Accept: "application/json" },
    timeout: HEALTH_TIMEOUT_MS,
  });
  if (answer.ok && answer.data?.status !== "ok") {
    return failure("bad_response", { status: answer.status });
  }
  return answer;
}

/**
 * GET /api/v1/history?per_page=1 with the token: an endpoint that needs one, so a wrong
 * token shows up here ("unauthorized") and not at the first check.
 */
export async function requestTokenCheck(serverUrl, token) {
  const headers = { Accept: "application/json" };
  if (token) headers.Authorization = `Bearer ${token}`;
  return send(`${serverUrl}/api/v1/history?per_page=1`, {
    method: "GET",
    headers,
    timeout: HEALTH_TIMEOUT_MS,
  });
}

export async function hasServerPermission(serverUrl) {
  try {
    return await ext.permissions.contains({ origins: [originPattern(serverUrl)] });
  } catch {
    return false;
  }
}

async function send(url, { method, headers, body, timeout }) {
  let response;
  try {
    response = await fetch(url, {
      method,
      headers,
      body,
      signal: AbortSignal.timeout(timeout),
      credentials: "omit",
      cache: "no-store",
    });
  } catch (err) {
    const timedOut = err?.name === "TimeoutError" || err?.name === "AbortError";
    return failure(timedOut ? "timeout" : "unreachable");
  }
  const data = await response.json().catch(() => null);
  if (response.ok) {
    return data === null
      ? failure("bad_response", { status: response.status })
      : { ok: true, status: response.status, data };
  }
  const error = data && typeof data.error === "object" && data.error ? data.error : {};
  return failure(kindForStatus(response.status, error.code), {
    status: response.status,
    code: typeof error.code === "string" ? error.code : "",
    message: typeof error.message === "string" ? error.message : "",
  });
}

/** Map an HTTP error to what the user can do about it. */
export function kindForStatus(status, code) {
  if (status === 401) return "unauthorized";
  if (status === 413) return "too_large";
  if (status === 429) return "rate_limited";
  if (status === 502) return "fetch_failed";
  if (status === 504) return "timeout";
  if (status === 400 || status === 403 || status === 415 || status === 422) {
    return code === "unauthorized" ? "unauthorized" : "not_analysable";
  }
  if (status === 404) return "bad_response";
  return "server_error";
}

function isCheckResponse(data) {
  const report = data?.report;
  return Boolean(report && Array.isArray(report.steps) && typeof report.verdict === "string");
}

function failure(kind, extra = {}) {
  return { ok: false, error: { kind, status: 0, code: "", message: "", ...extra } };
}
