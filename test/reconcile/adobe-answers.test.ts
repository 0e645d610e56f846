// The client (src/aep's HTTP client and Flow Service port, and the executor) against both answers Adobe
// documents for a flow PATCH (202 without a body, or 200 {id, etag}) and each DELETE status: the real
// HttpFlowService talks to the emulator over loopback. With no body, a later write on the same object that
// needs the etag reads it back; without such a write nothing extra is sent.
import { afterEach, describe, expect, it } from "vitest";
import { AepHttp } from "../../src/aep/http.js";
import { HttpFlowService } from "../../src/aep/flow-service.js";
import { ImsTokenSource } from "../../src/aep/ims.js";
import { settingsFromEnv } from "../../src/aep/settings.js";
import type { Change, SandboxPlan } from "../../src/domain/plan/plan.js";
import { executePlan } from "../../src/reconcile/executor.js";
import {
  DEFAULT_ORG,
  DESTINATION_FLOW_SPEC_ID,
  KINESIS_SPEC_ID,
  UPS_SPEC_ID,
  startEmulator,
  type EmulatorConfig,
  type RunningEmulator,
} from "../../src/emulator/index.js";

let emulator: RunningEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

async function connect(config: Partial<EmulatorConfig>) {
  emulator = await startEmulator({ port: 0, config });
  const url = emulator.url;
  const settings = settingsFromEnv({
    AEP_CLIENT_ID: "demo-client",
    AEP_CLIENT_SECRET: "demo-secret",
    AEP_ORG_ID: DEFAULT_ORG,
    AEP_PLATFORM_URL: url,
    AEP_IMS_URL: url,
  });
  const port = new HttpFlowService(new AepHttp(settings, new ImsTokenSource(settings)), "prod");
  const requests = async (): Promise<{ method: string; route: string; status: number }[]> =>
    ((await (await fetch(`${url}/__emulator/requests`)).json()) as { items: never[] }).items;
  return { port, requests };
}

type Port = HttpFlowService;
const spec = (id: string) => ({ id, version: "1.0" });

/** The five objects of a Kinesis destination, created through the port as the executor would. */
async function destination(port: Port) {
  const post = async (path: string, body: unknown) =>
    ((await port.call("POST", path, { body, create: true })) as { id: string }).id;
  const baseId = await post("/connections", { name: "Profile", connectionSpec: spec(UPS_SPEC_ID) });
  const sourceId = await post("/sourceConnections", {
    name: "Profile source",
    connectionSpec: spec(UPS_SPEC_ID),
    baseConnectionId: baseId,
    data: { format: "json" },
    params: {},
  });
  const accountId = await post("/connections", {
    name: "Kinesis",
    connectionSpec: spec(KINESIS_SPEC_ID),
    auth: {
      specName: "Aws Kinesis authentication credentials",
      params: { accessKeyId: "AKIAEXAMPLE", secretKey: "s3cr3t", region: "eu-central-1" },
    },
  });
  const targetId = await post("/targetConnections", {
    name: "Kinesis target",
    connectionSpec: spec(KINESIS_SPEC_ID),
    baseConnectionId: accountId,
    data: { format: "json" },
    params: { stream: "profiles", region: "eu-central-1" },
  });
  const flowId = await post("/flows", {
    name: "summer",
    flowSpec: spec(DESTINATION_FLOW_SPEC_ID),
    sourceConnectionIds: [sourceId],
    targetConnectionIds: [targetId],
    transformations: [
      {
        name: "GeneralTransform",
        params: { profileSelectors: { selectors: [] }, segmentSelectors: { selectors: [] } },
      },
    ],
  });
  return { baseId, sourceId, accountId, targetId, flowId };
}

function plan(...changes: Change[]): SandboxPlan {
  return { sandbox: "prod", changes, egress: [], refusals: [], notes: [], managedCount: changes.length };
}

const noReplan = async () => ({ note: "no re-plan in this test" });

describe.each([
  { mode: "accepted" as const, patchStatus: 202, reads: 1 },
  { mode: "etag" as const, patchStatus: 200, reads: 0 },
])("a flow PATCH answered $patchStatus (flowPatchResponse: $mode)", ({ mode, patchStatus, reads }) => {
  it("guards a second PATCH of the same object with the new etag, reading it back only when the answer had none", async () => {
    const { port, requests } = await connect({ flowPatchResponse: mode });
    const { flowId } = await destination(port);
    const live = (await port.get("flows", flowId))!;
    const results = await executePlan(
      plan({
        ref: "flow/summer",
        action: "update",
        resource: "flow",
        name: "summer",
        liveId: flowId,
        fields: [],
        dependsOn: [],
        calls: [
          {
            method: "PATCH",
            path: `/flows/${flowId}`,
            body: [{ op: "replace", path: "/name", value: "autumn" }],
            ifMatch: live.etag as string,
          },
          {
            method: "PATCH",
            path: `/flows/${flowId}`,
            body: [{ op: "replace", path: "/description", value: "second write" }],
          },
          { method: "POST", path: `/flows/${flowId}/action`, query: { op: "disable" } },
        ],
      }),
      port,
      { env: {}, replan: noReplan },
    );
    expect(results.map((r) => [r.status, r.message])).toEqual([["done", undefined]]);
    const after = (await port.get("flows", flowId))!;
    expect(after).toMatchObject({ name: "autumn", description: "second write", state: "disabled" });
    const log = (await requests()).filter((r) => r.route === "/flows/{id}" || r.route === "/flows/{id}/action");
    const since = log.findIndex((r) => r.method === "PATCH");
    expect(log.slice(since).map((r) => `${r.method} ${r.status}`)).toEqual([
      `PATCH ${patchStatus}`,
      ...Array.from({ length: reads }, () => "GET 200"),
      `PATCH ${patchStatus}`,
      "POST 200",
      "GET 200",
    ]);
  });

  it("finishes a create (POST, then its selectors' PATCH) without reading anything back", async () => {
    const { port, requests } = await connect({ flowPatchResponse: mode });
    const { flowId } = await destination(port);
    const live = (await port.get("flows", flowId))!;
    const answer = await port.call("PATCH", `/flows/${flowId}`, {
      body: [
        {
          op: "add",
          path: "/transformations/0/params/segmentSelectors/selectors/-",
          value: { type: "PLATFORM_SEGMENT", value: { id: "72ddd79b-6b0a-4e97-a8d2-112ccd81bd02" } },
        },
      ],
      ifMatch: live.etag as string,
    });
    expect(answer).toEqual(mode === "etag" ? { id: flowId, etag: expect.any(String) } : undefined);
    expect((await requests()).at(-1)).toMatchObject({ method: "PATCH", status: patchStatus });
  });
});

describe.each([
  { deleteStatus: "documented" as const, expected: { flow: 202, target: 202, account: 204, source: 202, base: 204 } },
  { deleteStatus: 202 as const, expected: { flow: 202, target: 202, account: 202, source: 202, base: 202 } },
  { deleteStatus: 204 as const, expected: { flow: 204, target: 204, account: 204, source: 204, base: 204 } },
])("DELETE answered per deleteStatus: $deleteStatus", ({ deleteStatus, expected }) => {
  it("is accepted for every resource, in Adobe's order, by the executor", async () => {
    const { port, requests } = await connect({ deleteStatus });
    const d = await destination(port);
    const order = [
      ["flow", "flows", d.flowId],
      ["target", "targetConnections", d.targetId],
      ["account", "connections", d.accountId],
      ["source", "sourceConnections", d.sourceId],
      ["base", "connections", d.baseId],
    ] as const;
    const results = await executePlan(
      plan(
        ...order.map(([key, collection, id], i): Change => ({
          ref: `x/${key}`,
          action: "delete",
          resource: "flow",
          name: key,
          liveId: id,
          fields: [],
          dependsOn: i === 0 ? [] : [`x/${order[i - 1]![0]}`],
          calls: [{ method: "DELETE", path: `/${collection}/${id}` }],
        })),
      ),
      port,
      { env: {}, replan: noReplan },
    );
    expect(results.map((r) => r.status)).toEqual(["done", "done", "done", "done", "done"]);
    const deletes = (await requests()).filter((r) => r.method === "DELETE").map((r) => r.status);
    expect(deletes).toEqual(Object.values(expected));
    for (const [, collection, id] of order) expect(await port.get(collection, id)).toBeUndefined();
  });
});
