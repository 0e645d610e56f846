// Sandbox Management (help/sandboxes/api/sandboxes.md): GET /data/foundation/sandbox-management/sandboxes
// and GET /sandboxes/{name}, for the configured sandboxes (all active; `prod` is the default production
// sandbox, the others development ones). The path names the sandbox, so `x-sandbox-name` is not needed
// and is ignored here.
import { ApiError } from "./errors.js";
import type { EmuRequest, EmuResponse } from "./http.js";
import { jsonResponse } from "./http.js";
import { SANDBOXES_PATH } from "./router.js";
import type { SandboxInfo } from "./types.js";

const TITLES: Record<string, string> = { prod: "Production", dev: "Development", stage: "Staging" };
const SEEDED = "2024-06-01 00:00:00"; // the docs' "YYYY-MM-DD HH:mm:ss"; sandboxes never change here
const CREATOR = "A1B2C3D4E5F6A7B8C9D0E1F2@AdobeID";
const DEFAULT_LIMIT = 50;

/** The sandbox as Adobe's lookup returns it (`modifiedBy` as in the docs, `lastModifiedBy` as elsewhere in sandbox.yaml). */
export function sandboxView(sandbox: SandboxInfo): Record<string, unknown> {
  const prod = sandbox.name === "prod";
  return {
    name: sandbox.name,
    id: sandbox.id,
    title: TITLES[sandbox.name] ?? sandbox.name,
    state: "active",
    type: prod ? "production" : "development",
    region: "VA7",
    isDefault: prod,
    eTag: 1,
    createdDate: SEEDED,
    lastModifiedDate: SEEDED,
    createdBy: CREATOR,
    modifiedBy: CREATOR,
    lastModifiedBy: CREATOR,
  };
}

/** No 404 is documented: the shape of the page's other errors, {status, title, type: …/SMS-<code>-<status>}. */
function sandboxNotFound(name: string): ApiError {
  return new ApiError(404, {
    status: 404,
    title: `Sandbox \`${name}\` not found.`,
    type: "http://ns.adobe.com/aep/errors/SMS-2001-404",
  });
}

export function handleGetSandbox(name: string, sandboxes: readonly SandboxInfo[]): EmuResponse {
  const sandbox = sandboxes.find((s) => s.name === name);
  if (!sandbox) throw sandboxNotFound(name);
  return jsonResponse(200, sandboxView(sandbox));
}

/** `{sandboxes, _page: {limit, count}, _links}` with `limit`/`offset` paging; `_links.next` only when more follow. */
export function handleListSandboxes(req: EmuRequest, sandboxes: readonly SandboxInfo[]): EmuResponse {
  const limit = count(req.query.get("limit"), "limit", DEFAULT_LIMIT);
  const offset = count(req.query.get("offset"), "offset", 0);
  if (limit < 1) throw badRequest("limit must be a positive integer.");
  const page = sandboxes.slice(offset, offset + limit).map(sandboxView);
  const links: Record<string, unknown> = {};
  if (offset + limit < sandboxes.length)
    links.next = { href: `${SANDBOXES_PATH}?limit=${limit}&offset=${offset + limit}`, templated: false };
  return jsonResponse(200, { sandboxes: page, _page: { limit, count: page.length }, _links: links });
}

function count(raw: string | null, name: string, fallback: number): number {
  if (raw === null) return fallback;
  if (!/^\d+$/.test(raw.trim())) throw badRequest(`${name} must be a non-negative integer.`);
  return Number(raw);
}

function badRequest(title: string): ApiError {
  return new ApiError(400, { status: 400, title, type: "http://ns.adobe.com/aep/errors/SMS-1000-400" });
}
