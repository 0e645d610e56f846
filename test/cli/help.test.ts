// Every command's --help, byte for byte (UPDATE_GOLDEN=1 rewrites the files): each option has its help
// line, and each help ends with the command's exit codes and the environment it reads.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { COMMANDS } from "../../src/cli/commands.js";
import { longFlag, OPTIONS } from "../../src/cli/options.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const GOLDEN = path.join(import.meta.dirname, "golden/help");

function help(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [path.join(ROOT, "bin/aep-gitops.js"), ...args], {
    encoding: "utf8",
    env: { PATH: process.env.PATH ?? "" },
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

function golden(name: string, text: string): void {
  const file = path.join(GOLDEN, `${name}.txt`);
  if (process.env.UPDATE_GOLDEN) {
    mkdirSync(GOLDEN, { recursive: true });
    writeFileSync(file, text);
  }
  expect(existsSync(file), `${file} is missing: run with UPDATE_GOLDEN=1`).toBe(true);
  expect(text).toBe(readFileSync(file, "utf8"));
}

describe("--help", () => {
  it("of the program lists every command with one line each, and exits 0", () => {
    const run = help(["--help"]);
    expect(run.status).toBe(0);
    for (const spec of COMMANDS) expect(run.stdout).toContain(spec.summary.slice(0, 40));
    golden("aep-gitops", run.stdout);
  });

  for (const spec of COMMANDS) {
    it(`of ${spec.name} has a line for every option, then its exit codes and environment`, () => {
      const run = help([spec.name, "--help"]);
      expect(run.status).toBe(0);
      for (const use of spec.options) {
        const name = typeof use === "string" ? use : use.name;
        expect(run.stdout).toMatch(new RegExp(`^  (-\\w, )?${longFlag(name)}\\b.*\\S`, "m"));
      }
      expect(run.stdout).toContain(`  ${longFlag("color")}`);
      const codes = run.stdout.split("\nExit codes:\n")[1] ?? "";
      for (const [code] of spec.exitCodes) expect(codes).toMatch(new RegExp(`^  ${code}  \\S`, "m"));
      for (const name of spec.env) expect(run.stdout.split("\nEnvironment:\n")[1]).toContain(`  ${name}`);
      golden(spec.name, run.stdout);
    });
  }

  it("is the same through 'aep-gitops help <command>'", () => {
    expect(help(["help", "plan"]).stdout).toBe(help(["plan", "--help"]).stdout);
  });

  it("of a command that does not exist is a usage error, said as 'aep-gitops NAME' says it", () => {
    for (const name of ["nosuch", "plna", "complete"]) {
      const asked = help(["help", name]);
      expect(asked.status, name).toBe(1);
      expect(asked.stdout, name).toBe("");
      expect(asked.stderr, name).toBe(help([name]).stderr);
    }
    expect(help(["help", "nosuch"]).stderr).toMatch(/^error: Unknown command 'nosuch'\nhint: Run 'aep-gitops --help'/);
    expect(help(["help", "plna"]).stderr).toMatch(/^error: Unknown command 'plna'\nhint: Did you mean plan\?/);
  });

  it("describes every option of the catalogue on some command", () => {
    const used = new Set(COMMANDS.flatMap((s) => s.options.map((u) => (typeof u === "string" ? u : u.name))));
    const unused = Object.keys(OPTIONS).filter((name) => name !== "color" && !used.has(name as never));
    expect(unused).toEqual([]);
  });
});
