// One API call as reviewers read it: `PATCH /flows/<id>?op=x (If-Match "…")` and its JSON body.
import type { ApiCall } from "../../domain/plan/plan.js";

export function callLine(call: ApiCall): string {
  const query = call.query ? Object.entries(call.query) : [];
  const search =
    query.length === 0
      ? ""
      : `?${query.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join("&")}`;
  // Adobe's etags carry their own quotes ("\"1a00…\""); printed as they will be sent.
  const guard = call.ifMatch === undefined ? "" : ` (If-Match ${call.ifMatch})`;
  return `${call.method} ${call.path}${search}${guard}`;
}

/** The body pretty-printed with 2-space indent, or undefined for calls without one. */
export function callBody(call: ApiCall): string | undefined {
  return call.body === undefined ? undefined : JSON.stringify(safeBody(call.body), null, 2);
}

/**
 * Credentials in a plan are `${env:NAME}` references, resolved only by the executor, so a rendered
 * plan shows the reference and nothing else. This is a second line of defence: should a literal ever
 * reach a secret-named field (config validation refuses that), it is hidden rather than printed.
 */
export function safeBody(body: unknown): unknown {
  if (Array.isArray(body)) return body.map(safeBody);
  if (body && typeof body === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(body)) {
      out[key] = SECRET_FIELD.test(key) && typeof value === "string" && !ENV_REF.test(value) ? HIDDEN : safeBody(value);
    }
    return out;
  }
  return body;
}

const SECRET_FIELD = /secret|password|token|privateKey|sasKey$/i;
const ENV_REF = /^\$\{env:[A-Za-z_][A-Za-z0-9_]*\}$/;
const HIDDEN = "(literal secret hidden)";
