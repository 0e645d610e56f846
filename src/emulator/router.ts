// Route matching. Every request maps to a family, a route template (used by faults and metrics: the Flow
// Service prefix removed and ids replaced by {id}, sandbox names by {name}; other families keep their full
// path) and a handler name.

export const FLOW_PREFIX = "/data/foundation/flowservice";
export const SEGMENTS_PATH = "/data/core/ups/segment/definitions";
export const AUDIENCES_PATH = "/data/core/ups/audiences";
export const AUDIENCES_METRICS_PATH = `${AUDIENCES_PATH}/bulk-patch-metric`;
export const SANDBOXES_PATH = "/data/foundation/sandbox-management/sandboxes";
export const SCHEMAS_PREFIX = "/data/foundation/schemaregistry/tenant";
export const IMS_PATH = "/ims/token/v3";
export const AUDIT_PATH = "/data/foundation/audit/events";
export const ADMIN_PREFIX = "/__emulator";
export const DULE_PREFIX = "/data/foundation/dulepolicy";
export const MERGE_POLICIES_PATH = "/data/core/ups/config/mergePolicies";
const CONSTRAINTS = /^\/marketingActions\/(core|custom)\/[^/]+\/constraints$/;

export type Family = "flow" | "segments" | "sandboxes" | "schemas" | "audit" | "policy" | "ims" | "admin" | "unknown";

export type HandlerName =
  | "listSpecs"
  | "getSpec"
  | "list"
  | "create"
  | "get"
  | "patch"
  | "delete"
  | "action"
  | "listSegments"
  | "getSegment"
  | "createSegment"
  | "patchSegment"
  | "listAudiences"
  | "getAudience"
  | "bulkPatchAudienceMetrics"
  | "listSandboxes"
  | "getSandbox"
  | "getSchema"
  | "listRuns"
  | "getRun"
  | "listAuditEvents"
  | "labelConstraints"
  | "datasetConstraints"
  | "bulkEval"
  | "getMergePolicy"
  | "token"
  | "admin";

export interface RouteMatch {
  family: Family;
  /** e.g. `/flows/{id}`, `/ims/token/v3`, `/data/core/ups/segment/definitions/{id}`. */
  template: string;
  /** The handler for the method, or undefined when the path exists but the method does not (405). */
  handler: HandlerName | undefined;
  /** Methods the path supports. */
  allowed: string[];
  resource?: string;
  id?: string;
}

const RESOURCES = "connections|sourceConnections|targetConnections|flows";
const SPECS = "connectionSpecs|flowSpecs";
const SPEC_LIST = new RegExp(`^/(${SPECS})$`);
const SPEC_ITEM = new RegExp(`^/(${SPECS})/([^/]+)$`);
const RESOURCE_LIST = new RegExp(`^/(${RESOURCES})$`);
const RESOURCE_ITEM = new RegExp(`^/(${RESOURCES})/([^/]+)$`);
const FLOW_ACTION = /^\/flows\/([^/]+)\/action$/;

export function matchRoute(method: string, pathname: string): RouteMatch {
  if (pathname === ADMIN_PREFIX || pathname.startsWith(`${ADMIN_PREFIX}/`)) {
    return { family: "admin", template: pathname, handler: "admin", allowed: ["GET", "POST"] };
  }
  if (pathname === IMS_PATH) return route("ims", IMS_PATH, method, { POST: "token" });
  if (pathname === SEGMENTS_PATH)
    return route("segments", SEGMENTS_PATH, method, { GET: "listSegments", POST: "createSegment" });
  if (pathname.startsWith(`${SEGMENTS_PATH}/`)) {
    const id = decodeURIComponent(pathname.slice(SEGMENTS_PATH.length + 1));
    if (!id.includes("/"))
      return {
        ...route("segments", `${SEGMENTS_PATH}/{id}`, method, { GET: "getSegment", PATCH: "patchSegment" }),
        id,
      };
  }
  if (pathname === AUDIENCES_PATH) return route("segments", AUDIENCES_PATH, method, { GET: "listAudiences" });
  if (pathname === AUDIENCES_METRICS_PATH)
    return route("segments", AUDIENCES_METRICS_PATH, method, { POST: "bulkPatchAudienceMetrics" });
  const audience = childOf(pathname, AUDIENCES_PATH);
  if (audience !== undefined)
    return { ...route("segments", `${AUDIENCES_PATH}/{id}`, method, { GET: "getAudience" }), id: audience };
  if (pathname === SANDBOXES_PATH) return route("sandboxes", SANDBOXES_PATH, method, { GET: "listSandboxes" });
  const sandbox = childOf(pathname, SANDBOXES_PATH);
  if (sandbox !== undefined)
    return { ...route("sandboxes", `${SANDBOXES_PATH}/{name}`, method, { GET: "getSandbox" }), id: sandbox };
  for (const resource of ["schemas", "unions"]) {
    const schema = childOf(pathname, `${SCHEMAS_PREFIX}/${resource}`);
    if (schema !== undefined)
      return {
        ...route("schemas", `${SCHEMAS_PREFIX}/${resource}/{id}`, method, { GET: "getSchema" }),
        resource,
        id: schema,
      };
  }
  if (pathname === AUDIT_PATH) return route("audit", AUDIT_PATH, method, { GET: "listAuditEvents" });
  const mergePolicy = childOf(pathname, MERGE_POLICIES_PATH);
  if (mergePolicy !== undefined)
    return {
      ...route("segments", `${MERGE_POLICIES_PATH}/{id}`, method, { GET: "getMergePolicy" }),
      id: mergePolicy,
    };
  if (pathname === `${DULE_PREFIX}/bulk-eval`) return route("policy", pathname, method, { POST: "bulkEval" });
  const rest = pathname.startsWith(`${DULE_PREFIX}/`) ? pathname.slice(DULE_PREFIX.length) : "";
  const kind = CONSTRAINTS.exec(rest)?.[1];
  if (kind)
    return route("policy", `${DULE_PREFIX}/marketingActions/${kind}/{name}/constraints`, method, {
      GET: "labelConstraints",
      POST: "datasetConstraints",
    });
  if (pathname.startsWith(`${FLOW_PREFIX}/`)) return matchFlowRoute(method, pathname.slice(FLOW_PREFIX.length));
  return { family: "unknown", template: pathname, handler: undefined, allowed: [] };
}

/** The decoded last segment of `parent/<segment>` (a URL-encoded `$id` arrives with %2F intact), or undefined. */
function childOf(pathname: string, parent: string): string | undefined {
  if (!pathname.startsWith(`${parent}/`)) return undefined;
  const raw = pathname.slice(parent.length + 1);
  if (raw === "" || raw.includes("/")) return undefined;
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

function matchFlowRoute(method: string, rest: string): RouteMatch {
  if (rest === "/runs") return { ...route("flow", "/runs", method, { GET: "listRuns" }), resource: "runs" };
  const run = childOf(rest, "/runs");
  if (run !== undefined)
    return { ...route("flow", "/runs/{id}", method, { GET: "getRun" }), resource: "runs", id: run };
  let m = SPEC_LIST.exec(rest);
  if (m) return { ...route("flow", `/${m[1]}`, method, { GET: "listSpecs" }), resource: m[1]! };
  m = SPEC_ITEM.exec(rest);
  if (m)
    return {
      ...route("flow", `/${m[1]}/{id}`, method, { GET: "getSpec" }),
      resource: m[1]!,
      id: decodeURIComponent(m[2]!),
    };
  m = RESOURCE_LIST.exec(rest);
  if (m) return { ...route("flow", `/${m[1]}`, method, { GET: "list", POST: "create" }), resource: m[1]! };
  m = RESOURCE_ITEM.exec(rest);
  if (m) {
    return {
      ...route("flow", `/${m[1]}/{id}`, method, { GET: "get", PATCH: "patch", DELETE: "delete" }),
      resource: m[1]!,
      id: decodeURIComponent(m[2]!),
    };
  }
  m = FLOW_ACTION.exec(rest);
  if (m)
    return {
      ...route("flow", "/flows/{id}/action", method, { POST: "action" }),
      resource: "flows",
      id: decodeURIComponent(m[1]!),
    };
  return { family: "flow", template: rest, handler: undefined, allowed: [] };
}

function route(
  family: Family,
  template: string,
  method: string,
  handlers: Partial<Record<string, HandlerName>>,
): RouteMatch {
  return { family, template, handler: handlers[method], allowed: Object.keys(handlers) };
}

export function isWrite(method: string): boolean {
  return method === "POST" || method === "PUT" || method === "PATCH" || method === "DELETE";
}
