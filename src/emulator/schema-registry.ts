// The Schema Registry slice: GET /data/foundation/schemaregistry/tenant/schemas/{id} (and /tenant/unions/{id},
// which unions.md documents alongside) for the Profile union, by URL-encoded `$id` or `meta:altId`. The
// Accept header picks the format and must carry `version=1`, as every lookup must (help/xdm/api/schemas.md).
import type { HandlerContext } from "./context.js";
import { ApiError } from "./errors.js";
import type { EmuResponse } from "./http.js";
import { checkApiSwitch } from "./refusals.js";
import { fullUnion, rawUnion, UNION_ALT_ID, UNION_ID } from "./union-schema.js";
import { isPlainObject } from "./types.js";

interface Format {
  media: string;
  full: boolean;
  text: boolean;
}

/** The lookup formats of schemas.md; descriptors and deprecation marks are not emulated (served as xed-full). */
const FORMATS: Record<string, Omit<Format, "media">> = {
  xed: { full: false, text: true },
  "xed-full": { full: true, text: true },
  "xed-notext": { full: false, text: false },
  "xed-full-notext": { full: true, text: false },
  "xed-full-desc": { full: true, text: true },
  "xed-deprecatefield": { full: true, text: true },
};

export function handleGetSchema(ctx: HandlerContext): EmuResponse {
  checkApiSwitch(ctx.config.schemaRegistry, ctx.req.pathname);
  const accept = ctx.req.headers.accept?.trim() ?? "";
  const format = acceptedFormat(accept, ctx.clock.now());
  if (ctx.id !== UNION_ID && ctx.id !== UNION_ALT_ID)
    throw xdmError(
      404,
      1012,
      "Resource not found",
      `The requested ${ctx.resource === "unions" ? "union" : "schema"} resource ${ctx.id} with version 1 is not found.`,
      ctx.clock.now(),
    );
  const override = ctx.config.unionSchema[ctx.sandbox.name];
  const build = format.full ? fullUnion : rawUnion;
  const schema = override ?? build(ctx.sandbox, ctx.config.orgId, ctx.config.tenantNamespace);
  return {
    status: 200,
    body: override || format.text ? schema : withoutText(schema),
    headers: { "content-type": `application/vnd.adobe.${format.media}+json; version=1` },
  };
}

/** The first acceptable media range; otherwise Adobe's refusal for the closest mistake. */
function acceptedFormat(accept: string, now: number): Format {
  if (accept === "") throw notAcceptable("Accept header parameter is required");
  let versionMissing = false;
  let otherVersion: string | undefined;
  for (const range of accept.split(",")) {
    const [type = "", ...params] = range.split(";").map((part) => part.trim());
    const media = /^application\/vnd\.adobe\.([a-z-]+)\+json$/i.exec(type)?.[1]?.toLowerCase();
    const known = media === undefined ? undefined : FORMATS[media];
    if (!known) continue;
    const version = params.map((p) => /^version\s*=\s*"?([^"]*)"?$/i.exec(p)?.[1]).find((v) => v !== undefined);
    if (version === undefined) versionMissing = true;
    else if (version !== "1") otherVersion = version;
    else return { media: media!, ...known };
  }
  if (versionMissing) {
    const message = `The supplied Accept header is not valid: ${accept} - A valid Accept value should look like application/vnd.adobe.'{xed|xdm'}+json; version=1 (Version should be specified)`;
    throw xdmError(400, 1007, "Accept header invalid", message, now);
  }
  if (otherVersion !== undefined)
    throw notAcceptable(`Unknown Accept format available: version ${otherVersion} of this resource`);
  throw notAcceptable(`Unknown Accept media supplied: ${accept}`);
}

/** The Accept-header errors of the XDM troubleshooting guide. */
function notAcceptable(detail: string): ApiError {
  return new ApiError(406, { type: "/placeholder/type/uri", status: 406, title: "NotAcceptableError", detail });
}

/** The Schema Registry's error shape; `registryRequestId` is filled with the x-request-id when written. */
function xdmError(status: number, code: number, title: string, message: string, now: number): ApiError {
  return new ApiError(status, {
    type: `http://ns.adobe.com/aep/errors/XDM-${code}-${status}`,
    title,
    status,
    report: { registryRequestId: "", timestamp: registryTimestamp(now), "detailed-message": message, "sub-errors": [] },
    detail: message,
  });
}

/** `06-01-2021 04:11:06`: month-day-year, UTC, as in the guide's examples. */
function registryTimestamp(now: number): string {
  const d = new Date(now);
  const two = (n: number) => String(n).padStart(2, "0");
  return `${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}-${d.getUTCFullYear()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
}

/** `-notext` formats: no `title` or `description` on any schema node (field names are kept). */
function withoutText(node: unknown, namesOnly = false): unknown {
  if (Array.isArray(node)) return node.map((item) => withoutText(item));
  if (!isPlainObject(node)) return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (!namesOnly && (key === "title" || key === "description")) continue;
    out[key] = withoutText(value, !namesOnly && key === "properties");
  }
  return out;
}
