// The config keys of the newer behaviours: defaults, accepted spellings (YAML may give "403" as a string)
// and start-time errors that name the bad key.
import { describe, expect, it } from "vitest";
import { startEmulator, type EmulatorConfig } from "../../src/emulator/index.js";
import { itConformsToAdobeSpecs } from "./helpers/contract.js";
import { TestClient } from "./helpers/harness.js";

async function refused(config: Record<string, unknown>): Promise<string> {
  try {
    const emulator = await startEmulator({ config: config as Partial<EmulatorConfig> });
    await emulator.close();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`config ${JSON.stringify(config)} was accepted`);
}

describe("new config keys", () => {
  it("refuse bad values at start, naming the key", async () => {
    expect(await refused({ audiencesApi: 500 })).toContain("config.audiencesApi");
    expect(await refused({ schemaRegistry: "off" })).toContain("config.schemaRegistry");
    expect(await refused({ policyApi: "off" })).toContain("config.policyApi");
    expect(await refused({ mergePoliciesApi: 500 })).toContain("config.mergePoliciesApi");
    expect(await refused({ patchConnections: 404 })).toContain("config.patchConnections");
    expect(await refused({ audienceStart: "cursor" })).toContain("config.audienceStart");
    expect(await refused({ audiencePageSize: 0 })).toContain("config.audiencePageSize");
    expect(await refused({ clockSkewSeconds: "1h" })).toContain("config.clockSkewSeconds");
    expect(await refused({ strictRequests: "yes" })).toContain("config.strictRequests");
    expect(await refused({ tenantNamespace: "demoorg" })).toContain("config.tenantNamespace");
    expect(await refused({ unionSchema: { staging: {} } })).toContain("config.unionSchema.staging");
    expect(await refused({ audiences: { prod: [{ id: "a", name: "b", type: "Segment" }] } })).toContain(
      "config.audiences.prod[0].type",
    );
    expect(await refused({ audiences: { prod: [{ id: "a", name: "b", lifecycleState: "archived" }] } })).toContain(
      "config.audiences.prod[0].lifecycleState",
    );
  });

  it("take a status spelled as a string, as a YAML or JSON file may give it", async () => {
    const emulator = await startEmulator({ config: { audiencesApi: "403" as never } });
    const result = await new TestClient(emulator.url).call("GET", "/data/core/ups/audiences");
    expect(result.status).toBe(403);
    await emulator.close();
  });
});

itConformsToAdobeSpecs();
