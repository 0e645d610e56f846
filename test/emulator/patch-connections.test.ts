// patchConnections: PATCH /connections/{id} switched off as FLOW-1445-400 ("PATCH Connection Feature not
// enabled", Adobe's error catalogue), 405 or 403, while target connection and flow PATCHes still work.
import { describe, expect, it } from "vitest";
import { createDestination } from "./helpers/builders.js";
import { itConformsToAdobeSpecs } from "./helpers/contract.js";
import { useEmulator, type TestClient } from "./helpers/harness.js";

const disabled = useEmulator({ config: { patchConnections: "feature-disabled" } });
const notAllowed = useEmulator({ config: { patchConnections: 405 } });
const forbidden = useEmulator({ config: { patchConnections: 403 } });
const enabled = useEmulator();

async function patchAccount(api: TestClient) {
  const d = await createDestination(api);
  const account = (await api.flow("GET", `/connections/${d.accountId}`)).body.items[0];
  const result = await api.flow("PATCH", `/connections/${d.accountId}`, {
    body: [{ op: "replace", path: "/name", value: "renamed" }],
    headers: { "if-match": account.etag },
  });
  const after = (await api.flow("GET", `/connections/${d.accountId}`)).body.items[0];
  return { d, result, before: account, after };
}

async function otherPatchesWork(api: TestClient, d: Awaited<ReturnType<typeof patchAccount>>["d"]) {
  const target = (await api.flow("GET", `/targetConnections/${d.targetId}`)).body.items[0];
  const patchedTarget = await api.flow("PATCH", `/targetConnections/${d.targetId}`, {
    body: [{ op: "replace", path: "/name", value: "t" }],
    headers: { "if-match": target.etag },
  });
  expect(patchedTarget.status).toBe(200);
  const patchedFlow = await api.flow("PATCH", `/flows/${d.flowId}`, {
    body: [{ op: "replace", path: "/name", value: "f" }],
    headers: { "if-match": d.flowEtag },
  });
  expect(patchedFlow.status).toBe(202);
}

describe("PATCH /connections/{id} switched off", () => {
  it("feature-disabled: answers 400 FLOW-1445-400 in Flow Service's error shape", async () => {
    const { d, result, before, after } = await patchAccount(disabled.api);
    expect(result.status).toBe(400);
    expect(result.body).toEqual({
      type: "https://ns.adobe.com/aep/errors/FLOW-1445-400",
      title: "Invalid request",
      status: 400,
      report: {
        "detailed-message": "PATCH Connection Feature not enabled.",
        "request-id": result.headers.get("x-request-id"),
      },
      errorMessage: "PATCH Connection Feature not enabled.",
      errorDetails: "PATCH Connection Feature not enabled.",
    });
    expect(after).toEqual(before);
    await otherPatchesWork(disabled.api, d);
  });

  it("405: answers Method Not Allowed with an Allow header", async () => {
    const { d, result } = await patchAccount(notAllowed.api);
    expect(result.status).toBe(405);
    expect(result.body).toEqual({ error_code: "405000", message: "Method PATCH not allowed" });
    expect(result.headers.get("allow")).toBe("GET, DELETE");
    await otherPatchesWork(notAllowed.api, d);
  });

  it("403: answers FLOW-2120-403 Forbidden", async () => {
    const { d, result } = await patchAccount(forbidden.api);
    expect(result.status).toBe(403);
    expect(result.body).toMatchObject({
      type: "https://ns.adobe.com/aep/errors/FLOW-2120-403",
      title: "Forbidden",
      status: 403,
    });
    await otherPatchesWork(forbidden.api, d);
  });

  it("enabled (the default): PATCHes the connection", async () => {
    const { result, after } = await patchAccount(enabled.api);
    expect(result.status).toBe(200);
    expect(after.name).toBe("renamed");
  });
});

itConformsToAdobeSpecs();
