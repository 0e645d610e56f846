// Where Adobe's OpenAPI specs contradict Adobe's own examples, the request contract test excuses exactly
// that failing check of exactly those operations, and nothing else. Every entry must be needed by at
// least one request of the run (requests.test.ts fails otherwise), so an entry cannot outlive its cause.
import type { Allowance, Failure } from "./request-validator.js";

const PATCH_OPS = ["ADD", "REPLACE", "REMOVE"];

/** A lower-case JSON Patch op whose upper-case spelling is the spec's enum: `add`, not `ADD`. */
const lowerCaseOp = (failure: Failure) =>
  typeof failure.data === "string" &&
  failure.data === failure.data.toLowerCase() &&
  PATCH_OPS.includes(failure.data.toUpperCase());

const LIST_OPERATIONS = ["GET /connections", "GET /sourceConnections", "GET /targetConnections", "GET /flows"];

export const REQUEST_ALLOW_LIST: readonly Allowance[] = [
  {
    spec: "flow-service.yaml",
    operations: [
      "PATCH /connections/{BASE_CONNECTION_ID}/",
      "PATCH /flows/{FLOW_ID}",
      "PATCH /targetConnections/{TARGET_CONNECTION_ID}",
    ],
    check: "body",
    keyword: "enum",
    instancePath: /^\/\d+\/op$/,
    when: lowerCaseOp,
    reason:
      "(a) PatchInstruction.op is enum ADD|REPLACE|REMOVE, but RFC 6902, the request body's own description and every Adobe example use add|replace|remove.",
  },
  {
    spec: "flow-service.yaml",
    operations: ["POST /flows/{FLOW_ID}/action"],
    check: "query:op",
    keyword: "enum",
    when: (failure) =>
      typeof failure.data === "string" &&
      ["ENABLE", "DISABLE"].includes(failure.data.toUpperCase()) &&
      failure.data === failure.data.toLowerCase(),
    reason:
      "(g) The action's `op` query is enum ENABLE|DISABLE|…, but Adobe's dataflow pages (update-destination-dataflows.md) send ?op=enable and ?op=disable.",
  },
  {
    spec: "flow-service.yaml",
    operations: ["PATCH /connections/{BASE_CONNECTION_ID}/", "PATCH /flows/{FLOW_ID}"],
    check: "body",
    keyword: "type",
    instancePath: /^\/\d+\/value$/,
    when: (failure) => typeof failure.data === "string",
    reason:
      '(f) PatchInstruction.value is typed as an object, but Adobe\'s own recipes replace /name and /description with a string (update-destination-dataflows.md: {op: replace, path: /description, value: "…"}).',
  },
  {
    spec: "flow-service.yaml",
    operations: ["PATCH /connections/{BASE_CONNECTION_ID}/"],
    check: "route",
    keyword: "trailing-slash",
    reason:
      "(b) flow-service.yaml declares PATCH (and DELETE) of a connection only at /connections/{BASE_CONNECTION_ID}/; destinations.yaml and Adobe's examples use /connections/{id}.",
  },
  {
    spec: "flow-service.yaml",
    operations: ["POST /flows/{FLOW_ID}/action"],
    check: "query:subOp",
    keyword: "required",
    reason:
      "(c) postStateTransition marks query subOp (an array of APPLY|ROLLBACK|PROGRESS) required: true, yet Adobe's enable/disable examples send only ?op=…, and Adobe answers 1436 to a subOp on enable.",
  },
  {
    spec: "destinations.yaml",
    operations: LIST_OPERATIONS,
    check: "query:property",
    keyword: "repeated",
    reason:
      "(d) destinations.yaml types the `property` filter as one string, but Adobe's examples (and flow-service.yaml's array type) repeat it to AND filters.",
  },
  {
    spec: "destinations.yaml",
    operations: ["PATCH /connections/{id}"],
    check: "body",
    keyword: "type",
    instancePath: /^$/,
    elementwise: true,
    reason:
      "(e) The body is typed as one PatchConnectionItem, but this operation's own examples (Patch_Connection_*) send a JSON Patch array of them.",
  },
  {
    spec: "flow-service.yaml",
    operations: ["PATCH /connections/{BASE_CONNECTION_ID}/"],
    check: "body",
    keyword: "type",
    instancePath: /^$/,
    elementwise: true,
    reason:
      "(e) The body is typed as one PatchInstruction, while flow-service.yaml types every other PATCH body as an array of them, as Adobe's examples send.",
  },
];
