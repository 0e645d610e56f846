// Secrets at rest: a `format: password` credential is never stored in clear, neither in the store's
// snapshot nor in the --state file; the store keeps a sha256 digest, reads keep answering the mask, and
// the admin view shows the clear value only while the process that received it runs.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startEmulator } from "../../src/emulator/index.js";
import { eventHubsAccount, kinesisAccount } from "./helpers/builders.js";
import { itConformsToAdobeSpecs } from "./helpers/contract.js";
import { TestClient } from "./helpers/harness.js";

const dir = mkdtempSync(path.join(os.tmpdir(), "aep-emulator-secrets-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SECRET = "wJalrXUtnFEMI-K7MDENG-bPxRfiCYEXAMPLEKEY";
const ROTATED = "rotated-9f2c44e1-secret";
const SAS = "sas-key-0b1e2a77-secret";

describe("secrets at rest", () => {
  it("never writes a Kinesis or Event Hubs secret to the state file, before or after a PATCH", async () => {
    const statePath = path.join(dir, "state.json");
    const emulator = await startEmulator({ statePath });
    const api = new TestClient(emulator.url);
    const created = await api.flow("POST", "/connections", { body: kinesisAccount("k", { secretKey: SECRET }) });
    expect(created.status).toBe(201);
    const hubs = await api.flow("POST", "/connections", {
      body: {
        ...eventHubsAccount(),
        auth: { ...eventHubsAccount().auth, params: { ...eventHubsAccount().auth.params, sasKey: SAS } },
      },
    });
    expect(hubs.status).toBe(201);
    const renamed = await api.flow("PATCH", `/connections/${created.body.id}`, {
      body: [{ op: "replace", path: "/name", value: "renamed" }],
      headers: { "if-match": created.body.etag },
    });
    expect(renamed.status).toBe(200);
    await emulator.close();

    const text = readFileSync(statePath, "utf8");
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(SAS);
    const saved = JSON.parse(text);
    const stored = saved.store.sandboxes.prod.connections.find(
      (row: { entity: { id: string } }) => row.entity.id === created.body.id,
    ).entity;
    expect(stored.name).toBe("renamed");
    expect(stored.auth.params).toEqual({
      accessKeyId: "AKIAEXAMPLE",
      secretKey: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
      region: "eu-central-1",
    });

    // After a restart: reads still mask it, a rotation gets a new digest and stays out of the file too.
    const again = await startEmulator({ statePath });
    const api2 = new TestClient(again.url);
    const read = (await api2.flow("GET", `/connections/${created.body.id}`)).body.items[0];
    expect(read.auth.params.secretKey).toBe("***");
    const rotated = await api2.flow("PATCH", `/connections/${created.body.id}`, {
      body: [{ op: "replace", path: "/auth/params/secretKey", value: ROTATED }],
      headers: { "if-match": read.etag },
    });
    expect(rotated.status).toBe(200);
    await again.close();
    const after = readFileSync(statePath, "utf8");
    expect(after).not.toContain(ROTATED);
    expect(after).not.toContain(SECRET);
    const digest = JSON.parse(after).store.sandboxes.prod.connections.find(
      (row: { entity: { id: string } }) => row.entity.id === created.body.id,
    ).entity.auth.params.secretKey;
    expect(digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(digest).not.toBe(stored.auth.params.secretKey);
  });

  it("shows clear values in the admin view only while this process has them", async () => {
    const statePath = path.join(dir, "admin.json");
    const emulator = await startEmulator({ statePath });
    const api = new TestClient(emulator.url);
    const id = (await api.flow("POST", "/connections", { body: kinesisAccount("k", { secretKey: SECRET }) })).body.id;
    const live = await api.admin("GET", "/state");
    expect(live.sandboxes.prod.connections[0].auth.params.secretKey).toBe(SECRET);
    await emulator.close();
    const restarted = await startEmulator({ statePath });
    const view = await new TestClient(restarted.url).admin("GET", "/state");
    const connection = view.sandboxes.prod.connections.find((c: { id: string }) => c.id === id);
    expect(connection.auth.params.secretKey).toMatch(/^sha256:[0-9a-f]{64}$/);
    await restarted.close();
  });

  it("seals the clear secrets of a state file written before secrets were sealed, and rewrites the file", async () => {
    const statePath = path.join(dir, "legacy.json");
    const first = await startEmulator({ statePath });
    const api = new TestClient(first.url);
    const id = (await api.flow("POST", "/connections", { body: kinesisAccount("k", { secretKey: SECRET }) })).body.id;
    await first.close();
    // Put the secret back in clear, as an older emulator wrote it.
    const saved = JSON.parse(readFileSync(statePath, "utf8"));
    saved.store.sandboxes.prod.connections[0].entity.auth.params.secretKey = SECRET;
    writeFileSync(statePath, JSON.stringify(saved));
    const second = await startEmulator({ statePath });
    const api2 = new TestClient(second.url);
    expect((await api2.flow("GET", `/connections/${id}`)).body.items[0].auth.params.secretKey).toBe("***");
    expect((await api2.admin("GET", "/state")).sandboxes.prod.connections[0].auth.params.secretKey).toBe(SECRET);
    await second.close();
    expect(readFileSync(statePath, "utf8")).not.toContain(SECRET);
  });

  it("refuses the mask and checks types before storing anything", async () => {
    const emulator = await startEmulator();
    const api = new TestClient(emulator.url);
    expect((await api.flow("POST", "/connections", { body: kinesisAccount("k", { secretKey: "***" }) })).status).toBe(
      400,
    );
    expect((await api.flow("POST", "/connections", { body: kinesisAccount("k", { secretKey: 7 }) })).status).toBe(400);
    expect((await api.admin("GET", "/state")).sandboxes.prod.connections).toEqual([]);
    await emulator.close();
  });
});

itConformsToAdobeSpecs();
