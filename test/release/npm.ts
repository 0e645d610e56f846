// npm and npx as a user runs them: in a folder outside this clone, with none of the variables `npm test`
// exports to its scripts (npm_config_local_prefix, npm_package_json… would point a child npm back here).
import { spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, symlinkSync } from "node:fs";
import path from "node:path";

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

const INJECTED = /^(npm_package_|npm_lifecycle_|npm_config_local_prefix$|npm_config_call$|npm_command$|init_cwd$)/i;

export function userEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !INJECTED.test(key)));
  return { ...env, NO_COLOR: "1", npm_config_update_notifier: "false", ...extra };
}

/** Runs a command to its end (killed after `timeoutMs`), resolving with its exit status and output. */
export function run(
  command: string,
  args: string[],
  cwd: string,
  timeoutMs = 90_000,
  env: Record<string, string> = {},
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd,
      env: userEnv(env),
      timeout: timeoutMs,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

/** Why npm cannot be run here, or undefined when it can. */
export function npmProblem(): string | undefined {
  const probe = spawnSync("npm", ["--version"], { env: userEnv(), encoding: "utf8", timeout: 30_000 });
  if (probe.error) return probe.error.message;
  if (probe.status !== 0) return `npm --version exited ${probe.status}: ${probe.stderr.trim()}`;
  return undefined;
}

/**
 * Copies the files a fresh clone would have (tracked, plus new files not ignored: the work in progress)
 * to `dest`, without any build output, and links this clone's node_modules for the build tools.
 */
export function copyClone(root: string, dest: string): void {
  const listed = spawnSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {
    cwd: root,
    encoding: "utf8",
  });
  if (listed.status === 0) {
    for (const file of listed.stdout.split("\0").filter(Boolean)) {
      if (!existsSync(path.join(root, file))) continue; // deleted in the working tree
      mkdirSync(path.dirname(path.join(dest, file)), { recursive: true });
      cpSync(path.join(root, file), path.join(dest, file));
    }
  } else {
    // Not a git checkout: copy the folder without what .gitignore leaves out of a clone.
    const skip = new Set(["node_modules", ".git", ".aep-gitops", "coverage", "dist/cli.js", "dist/cli.js.map"]);
    cpSync(root, dest, { recursive: true, filter: (from) => !skip.has(path.relative(root, from)) });
  }
  symlinkSync(path.join(root, "node_modules"), path.join(dest, "node_modules"), "dir");
}
