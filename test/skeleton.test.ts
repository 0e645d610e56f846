import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

describe("the aep-gitops command", () => {
  it("prints its usage and exits 0 for --help", () => {
    const run = spawnSync(process.execPath, ["bin/aep-gitops.js", "--help"], { encoding: "utf8" });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("Usage: aep-gitops <command> [options]");
  });

  it("rejects an unknown command with exit 1", () => {
    const run = spawnSync(process.execPath, ["bin/aep-gitops.js", "frobnicate"], { encoding: "utf8" });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("error: Unknown command 'frobnicate'");
  });
});
