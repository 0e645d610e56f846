// POST /flows/{id}/action?op=enable|disable (any case): no body, no content type, no If-Match needed
// (an If-Match that is sent must match). Answers 200 {id, etag}; the etag changes even when the state
// does not, as every successful action is an update.
import type { HandlerContext } from "./context.js";
import { flowError, invalidParams, notFound } from "./errors.js";
import { jsonResponse, type EmuResponse } from "./http.js";
import { checkIfMatch } from "./patch.js";
import { touched } from "./stamps.js";

const STATES: Record<string, string> = { enable: "enabled", disable: "disabled" };

export function handleAction(ctx: HandlerContext): EmuResponse {
  const flows = ctx.collections.flows;
  const flow = flows.get(ctx.id!);
  if (!flow) throw notFound("flows", ctx.id!);
  const op = ctx.req.query.get("op");
  if (op === null || op.trim() === "")
    throw invalidParams("The query parameter 'op' is required: op=enable or op=disable.");
  const state = STATES[op.trim().toLowerCase()];
  if (!state)
    throw flowError(
      1436,
      400,
      "Bad request",
      `Unsupported operation '${op}' received; supported operations are enable and disable.`,
    );
  if (ctx.req.headers["if-match"] !== undefined) checkIfMatch(ctx.req.headers["if-match"], flow);
  const updated = touched({ ...flow, state }, ctx.caller, ctx.clock.now());
  flows.put(updated);
  ctx.changed();
  return jsonResponse(200, { id: updated.id, etag: updated.etag });
}
