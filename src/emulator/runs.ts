// GET /runs and GET /runs/{id}: the dataflow runs of the sandbox's flows (run-views.ts), listed with the
// Flow Service list machinery (property filters, orderby, limit, continuation tokens, count) as
// sort-and-filter.md documents for runs. `runsApi` can refuse both routes; `runsListCap` reads
// destinations.yaml's "This operation allows you to retrieve a maximum of 100 entities" as a server-side
// cap: at most that many items and no next link, so a client's handling of a capped list can be tested.
import type { HandlerContext } from "./context.js";
import { notFound } from "./errors.js";
import { jsonOf, jsonResponse, RawJson, type EmuResponse } from "./http.js";
import { listPage, parseListQuery, type Row } from "./pagination.js";
import { checkApiSwitch } from "./refusals.js";

const STATUS_PATH = "metrics.statusSummary.status";

/**
 * The status enum says Success|Processing|Waiting|Failed, the examples (and these runs) write lower case,
 * and sort-and-filter.md filters with `status==Failed`: status values are compared case-insensitively.
 */
function caseInsensitiveStatus(property: string): string {
  const match = /^(\s*metrics\.statusSummary\.status\s*)(==|!=)(.*)$/s.exec(property);
  return match && match[1]!.trim() === STATUS_PATH ? `${match[1]}${match[2]}${match[3]!.toLowerCase()}` : property;
}

function rowsOf(ctx: HandlerContext): Row[] {
  return ctx.ops.runs(
    ctx.sandbox.name,
    Array.from(ctx.collections.flows.newestFirst(), (slot) => slot.entity),
  );
}

export function handleListRuns(ctx: HandlerContext): EmuResponse {
  checkApiSwitch(ctx.config.runsApi, ctx.req.pathname);
  const parsed = parseListQuery("runs", ctx.req.query);
  const cap = ctx.config.runsListCap;
  const query = {
    ...parsed,
    properties: parsed.properties.map(caseInsensitiveStatus),
    limit: cap === null ? parsed.limit : Math.min(parsed.limit, cap),
  };
  const rows = rowsOf(ctx);
  const source = (beforeRev?: number): Row[] =>
    beforeRev === undefined ? rows : rows.filter((row) => row.rev < beforeRev);
  // Capped: the items served, never a link to more.
  return jsonResponse(200, listPage("runs", query, source, { next: cap === null }).body);
}

export function handleGetRun(ctx: HandlerContext): EmuResponse {
  checkApiSwitch(ctx.config.runsApi, ctx.req.pathname);
  const run = rowsOf(ctx).find((row) => (row.value as { id: string }).id === ctx.id);
  if (!run) throw notFound("runs", ctx.id!);
  return jsonResponse(200, new RawJson(`{"items":[${jsonOf(run.value as object)}]}`));
}
