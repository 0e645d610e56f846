// A state file written before the Audiences API (its `segments` hold segment definitions) still loads:
// each definition becomes an active Platform audience, listed by both Segmentation views.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startEmulator } from "../../src/emulator/index.js";
import { itConformsToAdobeSpecs } from "./helpers/contract.js";
import { TestClient } from "./helpers/harness.js";

const dir = mkdtempSync(path.join(os.tmpdir(), "aep-emulator-compat-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const LEGACY = {
  id: "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
  schema: { name: "_xdm.context.profile" },
  profileInstanceId: "ups",
  imsOrgId: "DEMOORG0000000000000000@AdobeOrg",
  sandbox: { sandboxId: "x", sandboxName: "dev", type: "development", default: false },
  name: "Saved before audiences",
  description: "old",
  expression: { type: "PQL", format: "pql/text", value: "true" },
  mergePolicyId: "m",
  creationTime: 1_700_000_000_000,
  updateEpoch: 1_700_000_000,
  updateTime: 1_700_000_000_000,
  lifecycleState: "published",
};

describe("a state file from before the Audiences API", () => {
  it("loads its segment definitions as active Platform audiences", async () => {
    const statePath = path.join(dir, "old.json");
    writeFileSync(
      statePath,
      JSON.stringify({
        format: "aep-gitops-emulator-state",
        version: 1,
        orgId: "DEMOORG0000000000000000@AdobeOrg",
        store: { rev: 0, sandboxes: {} },
        segments: { dev: [LEGACY] },
        tokens: [],
      }),
    );
    const emulator = await startEmulator({ statePath });
    const api = new TestClient(emulator.url);
    const segment = await api.call("GET", `/data/core/ups/segment/definitions/${LEGACY.id}`, { sandbox: "dev" });
    expect(segment.body).toMatchObject({
      name: LEGACY.name,
      lifecycleState: "published",
      expression: LEGACY.expression,
    });
    const audience = await api.call("GET", `/data/core/ups/audiences/${LEGACY.id}`, { sandbox: "dev" });
    expect(audience.body).toMatchObject({
      audienceId: LEGACY.id,
      type: "SegmentDefinition",
      lifecycleState: "active",
      labels: [],
      creationTime: LEGACY.creationTime,
    });
    await emulator.close();
  });
});

itConformsToAdobeSpecs();
