// `aep-gitops emulator` as users run it: the built bundle in a child process.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { upsBase } from "./helpers/builders.js";
import { itConformsToAdobeSpecs } from "./helpers/contract.js";
import { TestClient } from "./helpers/harness.js";

const dir = mkdtempSync(path.join(os.tmpdir(), "aep-emulator-cli-"));
const children: ChildProcess[] = [];

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Spawns the emulator and resolves with its first stdout line. */
async function launch(args: string[]): Promise<{ child: ChildProcess; firstLine: string; url: string }> {
  const child = spawn(process.execPath, ["bin/aep-gitops.js", "emulator", ...args], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  const firstLine = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once("line", resolve);
    child.once("exit", (code) => reject(new Error(`emulator exited with ${code}`)));
  });
  return { child, firstLine, url: firstLine.replace(/^.* on /, "") };
}

function exitCode(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) =>
    child.exitCode !== null ? resolve(child.exitCode) : child.once("exit", (code) => resolve(code)),
  );
}

describe("aep-gitops emulator", () => {
  it("prints exactly 'aep-gitops emulator listening on http://127.0.0.1:PORT' first and serves the API", async () => {
    const { child, firstLine, url } = await launch(["--port", "0"]);
    expect(firstLine).toMatch(/^aep-gitops emulator listening on http:\/\/127\.0\.0\.1:\d+$/);
    const api = new TestClient(url);
    expect((await api.flow("GET", "/flows")).status).toBe(200);
    child.kill("SIGTERM");
    expect(await exitCode(child)).toBe(0);
  });

  it("stops cleanly on SIGINT too", async () => {
    const { child } = await launch(["--port", "0"]);
    child.kill("SIGINT");
    expect(await exitCode(child)).toBe(0);
  });

  it("loads a YAML config and persists state to --state before exiting", async () => {
    const config = path.join(dir, "emulator.yaml");
    writeFileSync(
      config,
      "orgId: TESTORG0000000000000000@AdobeOrg\nsandboxes: [prod, qa]\nclients:\n  - clientId: ci\n    clientSecret: ci-secret\n",
    );
    const state = path.join(dir, "state.json");
    const { child, url } = await launch(["--port", "0", "--config", config, "--state", state]);
    const api = new TestClient(url, { ci: "ci-secret" });
    const headers = { "x-gw-ims-org-id": "TESTORG0000000000000000@AdobeOrg" };
    const created = await api.flow("POST", "/connections", {
      client: "ci",
      sandbox: "qa",
      body: upsBase("from the CLI"),
      headers,
    });
    expect(created.status).toBe(201);
    child.kill("SIGTERM");
    expect(await exitCode(child)).toBe(0);
    const saved = JSON.parse(readFileSync(state, "utf8"));
    expect(saved.store.sandboxes.qa.connections[0].entity).toMatchObject({
      id: created.body.id,
      name: "from the CLI",
      createdBy: "ci",
    });
  });

  it("exits 1 with a message for a bad flag or an unreadable config", () => {
    const bad = spawnSync(process.execPath, ["bin/aep-gitops.js", "emulator", "--bogus"], { encoding: "utf8" });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain("--bogus");
    const missing = spawnSync(
      process.execPath,
      ["bin/aep-gitops.js", "emulator", "--config", path.join(dir, "nope.yaml")],
      { encoding: "utf8" },
    );
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain("nope.yaml");
  });

  it("prints its usage for --help", () => {
    const help = spawnSync(process.execPath, ["bin/aep-gitops.js", "emulator", "--help"], { encoding: "utf8" });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain("Usage: aep-gitops emulator [options]");
    expect(help.stdout).toMatch(/--port <n> +port to listen on/);
  });
});

itConformsToAdobeSpecs();
