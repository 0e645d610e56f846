// --state FILE: the store survives a restart; the file is written atomically and flushed on close.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startEmulator } from "../../src/emulator/index.js";
import { createDestination } from "./helpers/builders.js";
import { itConformsToAdobeSpecs } from "./helpers/contract.js";
import { TestClient } from "./helpers/harness.js";

const dir = mkdtempSync(path.join(os.tmpdir(), "aep-emulator-state-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("state persistence", () => {
  it("keeps objects, etags, audiences and tokens across a restart", async () => {
    const statePath = path.join(dir, "state.json");
    const first = await startEmulator({ statePath });
    const api = new TestClient(first.url);
    const d = await createDestination(api, { audiences: ["a1"] });
    const created = await api.call("POST", "/data/core/ups/segment/definitions", {
      sandbox: "dev",
      body: { name: "Persisted audience" },
    });
    await first.close();
    expect(JSON.parse(readFileSync(statePath, "utf8")).format).toBe("aep-gitops-emulator-state");
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);

    const second = await startEmulator({ statePath });
    const again = new TestClient(second.url);
    const flow = (await again.flow("GET", `/flows/${d.flowId}`)).body.items[0];
    expect(flow).toMatchObject({ id: d.flowId, etag: d.flowEtag, name: "Kinesis destination" });
    const patch = await again.flow("PATCH", `/flows/${d.flowId}`, {
      body: [{ op: "replace", path: "/name", value: "after restart" }],
      headers: { "if-match": d.flowEtag },
    });
    expect(patch.status).toBe(202);
    expect(
      (await again.call("GET", `/data/core/ups/segment/definitions/${created.body.id}`, { sandbox: "dev" })).status,
    ).toBe(200);
    const reused = await fetch(`${second.url}/data/foundation/flowservice/flows`, {
      headers: {
        authorization: `Bearer ${await api.token()}`,
        "x-api-key": "demo-client",
        "x-gw-ims-org-id": "DEMOORG0000000000000000@AdobeOrg",
      },
    });
    expect(reused.status).toBe(200);
    await second.close();

    const third = await startEmulator({ statePath });
    expect((await new TestClient(third.url).flow("GET", `/flows/${d.flowId}`)).body.items[0].name).toBe(
      "after restart",
    );
    await third.close();
  });

  it("lists restored objects in their update order", async () => {
    const statePath = path.join(dir, "order.json");
    const first = await startEmulator({ statePath });
    const api = new TestClient(first.url);
    const a = await createDestination(api, { name: "older" });
    await createDestination(api, { name: "newer", sourceId: a.sourceId, baseId: a.baseId });
    await first.close();
    const second = await startEmulator({ statePath });
    const names = (await new TestClient(second.url).flow("GET", "/flows")).body.items.map(
      (f: { name: string }) => f.name,
    );
    expect(names).toEqual(["newer", "older"]);
    await second.close();
  });

  it("starts from the seed when the file does not exist yet", async () => {
    const emulator = await startEmulator({ statePath: path.join(dir, "nested", "new.json") });
    expect((await new TestClient(emulator.url).flow("GET", "/flows")).body.items).toEqual([]);
    await emulator.close();
  });
});

itConformsToAdobeSpecs();
