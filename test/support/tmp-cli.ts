// The built CLI as a child process whose OS temp folder (TMPDIR, and HOME) is a spec's own: the code
// cache and validate's check cache live there, so a spec sees exactly the caches its own runs made.
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "../..");
const BIN = path.join(ROOT, "bin/aep-gitops.js");

export interface TmpRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A fresh temp folder for one spec (the caller removes it). */
export const freshTmp = (name: string): string => mkdtempSync(path.join(tmpdir(), `aep-gitops-${name}-spec-`));

/** A per-user cache folder as the CLI names it inside `tmp` (`<name>-<uid>`). */
export const userFolder = (tmp: string, name: string): string =>
  path.join(tmp, `${name}-${process.getuid?.() ?? "user"}`);

export function runWithTmp(
  tmp: string,
  args: string[],
  options: { cwd?: string; env?: Record<string, string> } = {},
): TmpRun {
  const run = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    env: { PATH: process.env.PATH!, HOME: tmp, NO_COLOR: "1", TMPDIR: tmp, ...options.env },
    encoding: "utf8",
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}
