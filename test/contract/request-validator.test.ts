// The request contract checker itself: it must catch what Adobe's specs forbid in a request, and excuse
// only the allow-listed contradictions, each exactly where its justification says.
import { beforeAll, describe, expect, it } from "vitest";
import { specDir, specsAvailable } from "../emulator/helpers/openapi.js";
import { REQUEST_ALLOW_LIST } from "./allow-list.js";
import type { RecordedRequest } from "./recording-proxy.js";
import { FLOW_SERVICE, RequestValidator, type Verdict } from "./request-validator.js";

const HEADERS = { "x-api-key": "client", "x-gw-ims-org-id": "ORG@AdobeOrg", "x-sandbox-name": "prod" };
const ID = "0973b5e2-0656-46de-a5d0-9f8c6e2043cb";

function request(method: string, flowPath: string, init: Partial<RecordedRequest> = {}): RecordedRequest {
  const json: Record<string, string> = init.body !== undefined ? { "content-type": "application/json" } : {};
  const ifMatch: Record<string, string> = method === "PATCH" ? { "if-match": '"etag"' } : {};
  return {
    seq: 1,
    method,
    path: flowPath.startsWith("/data/") ? flowPath : `${FLOW_SERVICE}${flowPath}`,
    query: {},
    authorization: true,
    status: 200,
    ...init,
    headers: { ...HEADERS, ...json, ...ifMatch, ...init.headers },
  };
}

const selector = { type: "JSON_PATH", value: { path: "person.lastName" } };
const audience = { type: "PLATFORM_SEGMENT", value: { id: "72ddd79b-6b0a-4e97-a8d2-112ccd81bd02" } };
const checks = (v: Verdict) => [
  ...new Set(v.failures.map((f) => `${f.spec} ${f.check}${f.instancePath} ${f.keyword}`)),
];
const reasons = (v: Verdict) => v.allowed.map((a) => a.reason.slice(0, 3));

if (!specsAvailable)
  console.warn(`[request contract] Adobe's OpenAPI specs not found in ${specDir}; request checker self-tests skipped.`);

describe.skipIf(!specsAvailable)("the request contract checker", () => {
  let validator: RequestValidator;
  beforeAll(() => {
    validator = new RequestValidator(REQUEST_ALLOW_LIST); // not at collection: a skipped describe still collects
  });
  const patchFlow = (ops: unknown[], init: Partial<RecordedRequest> = {}) =>
    validator.check(request("PATCH", `/flows/${ID}`, { body: ops, ...init }));

  it("accepts Adobe's lower-case JSON Patch of a flow, excusing only the upper-case op enum", () => {
    // destinations.yaml's oneOf refuses any audience selector (it matches three identical branches), so
    // flow-service.yaml, with entry (a), is the spec that must accept it.
    const verdict = patchFlow([
      { op: "add", path: "/transformations/0/params/segmentSelectors/selectors/-", value: audience },
    ]);
    expect([verdict.valid, verdict.kind, reasons(verdict)]).toEqual([true, "PATCH", ["(a)"]]);
    const withoutAllowList = new RequestValidator([]).check(verdict.request);
    expect(checks(withoutAllowList)).toContain("flow-service.yaml body/0/op enum");
    expect(checks(withoutAllowList)).toContain("destinations.yaml body/0/value oneOf");
  });

  it("refuses a PATCH without If-Match in both specs", () => {
    const patch = request("PATCH", `/flows/${ID}`, { body: [{ op: "add", path: "/x", value: selector }] });
    delete patch.headers["if-match"];
    expect(checks(validator.check(patch))).toEqual([
      "destinations.yaml header:if-match required",
      "flow-service.yaml header:if-match required",
    ]);
  });

  it("refuses a JSON Patch remove without a value, which both specs require", () => {
    const verdict = patchFlow([{ op: "remove", path: "/transformations/0/params/profileSelectors/selectors/0" }]);
    expect(verdict.valid).toBe(false);
    expect(checks(verdict)).toContain("flow-service.yaml body/0 required");
    expect(checks(verdict)).toContain("destinations.yaml body/0 required");
  });

  it("excuses a lower-case op only: a mixed-case one fails the enum", () => {
    const verdict = patchFlow([{ op: "Add", path: "/x", value: audience }]);
    expect(verdict.valid).toBe(false);
    expect(checks(verdict)).toContain("flow-service.yaml body/0/op enum");
  });

  it("refuses undeclared and mistyped query parameters, and a repeated scalar one", () => {
    const verdict = validator.check(request("GET", "/flows", { query: { limit: ["many"], projection: ["name"] } }));
    expect(checks(verdict)).toEqual(
      expect.arrayContaining(["flow-service.yaml query:limit type", "flow-service.yaml query:projection undeclared"]),
    );
    const twice = validator.check(request("GET", "/flows", { query: { limit: ["10", "20"] } }));
    expect(checks(twice)).toContain("flow-service.yaml query:limit repeated");
  });

  it("accepts a repeated property filter through destinations.yaml with entry (d), and a list kind", () => {
    const verdict = validator.check(request("GET", "/connections", { query: { property: ["a==1", "b==2"] } }));
    expect(verdict.valid).toBe(true);
    expect(verdict.kind).toBe("GET list");
  });

  it("excuses a missing subOp on a flow action, and Adobe's documented lower-case op, but no other op", () => {
    const upper = validator.check(request("POST", `/flows/${ID}/action`, { query: { op: ["DISABLE"] } }));
    expect([upper.valid, upper.kind, reasons(upper)]).toEqual([true, "POST action", ["(c)"]]);
    const lower = validator.check(request("POST", `/flows/${ID}/action`, { query: { op: ["disable"] } }));
    expect([lower.valid, reasons(lower).sort()]).toEqual([true, ["(c)", "(g)"]]);
    const other = validator.check(request("POST", `/flows/${ID}/action`, { query: { op: ["pause"] } }));
    expect(checks(other)).toEqual(["flow-service.yaml query:op enum"]);
  });

  it("checks a connection PATCH element by element at the trailing-slash route, and still types each value", () => {
    const auth = { op: "replace", path: "/auth/params", value: { accessKeyId: "a", secretKey: "b" } };
    const ok = validator.check(request("PATCH", `/connections/${ID}`, { body: [auth] }));
    expect(ok.valid).toBe(true);
    expect(reasons(ok).sort()).toEqual(["(a)", "(b)", "(e)", "(e)"]);
    // A string is what Adobe's recipes send for /description; a number is not.
    const text = validator.check(
      request("PATCH", `/connections/${ID}`, { body: [{ op: "replace", path: "/description", value: "x" }] }),
    );
    expect(text.valid).toBe(true);
    const number = validator.check(
      request("PATCH", `/connections/${ID}`, { body: [{ op: "replace", path: "/description", value: 7 }] }),
    );
    expect(checks(number)).toContain("flow-service.yaml body/0/value type");
    const notAList = validator.check(request("PATCH", `/connections/${ID}`, { body: "replace it all" }));
    expect(checks(notAList)).toEqual(["destinations.yaml body type", "flow-service.yaml body type"]);
  });

  it("refuses a body sent as text, and a create without content-type", () => {
    const text = validator.check(
      request("POST", "/flows", { bodyLength: 12, headers: { "content-type": "text/plain" } }),
    );
    expect(checks(text)).toEqual(
      expect.arrayContaining(["flow-service.yaml body unparsable", "flow-service.yaml header:content-type media-type"]),
    );
  });

  it("reports a Flow Service path neither spec declares, and leaves other Adobe APIs uncovered", () => {
    const unknown = validator.check(request("GET", "/flows/x/runs/y"));
    expect([unknown.valid, checks(unknown)]).toEqual([false, ["neither spec route no-operation"]]);
    const ups = validator.check(request("GET", "/data/core/ups/audiences"));
    expect([ups.scope, ups.valid]).toEqual(["not-covered", true]);
  });
});
