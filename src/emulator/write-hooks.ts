// Around every Flow Service write handler: the object before and after a successful write goes to the
// operations record (a flow's activity for its runs; an audit event for every write, whoever made it). A
// refused write throws before this records anything, as Adobe audits what happened.
import { randomUUID } from "node:crypto";
import { clientEmail } from "./config.js";
import type { HandlerContext } from "./context.js";
import type { EmuResponse } from "./http.js";
import { stableUuid } from "./ids.js";
import type { HandlerName } from "./router.js";
import { isPlainObject, isResourceName } from "./types.js";

const WRITES = new Set(["create", "patch", "delete", "action"] as const);
type WriteHandler = typeof WRITES extends Set<infer T> ? T : never;

const isWrite = (handler: HandlerName): handler is WriteHandler => WRITES.has(handler as WriteHandler);

export function observeWrite(ctx: HandlerContext, handler: HandlerName, run: () => EmuResponse): EmuResponse {
  if (!isWrite(handler) || !isResourceName(ctx.resource)) return run();
  const collection = ctx.collections[ctx.resource];
  const before = ctx.id === undefined ? undefined : collection.get(ctx.id);
  const response = run();
  if (response.status < 200 || response.status >= 300) return response;
  const body = response.body;
  const id = ctx.id ?? (isPlainObject(body) && typeof body.id === "string" ? body.id : undefined);
  // The token identifies the authorisation (one authId per token); requests the emulator makes itself have none.
  const token = /^Bearer\s+(\S+)$/i.exec(ctx.req.headers.authorization?.trim() ?? "")?.[1];
  ctx.ops.recordWrite({
    sandbox: ctx.sandbox,
    orgId: ctx.config.orgId,
    email: clientEmail(ctx.config, ctx.caller.clientId, ctx.caller.ui),
    authId: stableUuid("authId", token ?? ctx.caller.clientId),
    requestId: ctx.req.requestId ?? randomUUID(),
    now: ctx.clock.now(),
    resource: ctx.resource,
    handler,
    op: ctx.req.query.get("op") ?? undefined,
    before,
    after: id === undefined ? undefined : collection.get(id),
  });
  ctx.changed();
  return response;
}
