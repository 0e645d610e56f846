// The real CLI as a process of its own, measured from its start to its exit: built by scripts/build.mjs,
// then copied (bin/, dist/cli/, package.json, node_modules linked) into a folder of the bench's own, so
// a test run elsewhere in the checkout (which rebuilds dist/cli) cannot swap the bundle mid-measurement.
// CPU and peak RSS are the child's rusage from wait4: through python3's os.wait4 (microseconds) where
// there is one, else GNU time's `%e %U %S %M` (10 ms steps).
import { execFileSync, spawn, spawnSync } from "node:child_process";
import {
  closeSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  symlinkSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export interface Cli {
  /** `node <bin>` runs the snapshot; shown as `node bin/aep-gitops.js`. */
  bin: string;
  dir: string;
  /** How CPU and RSS are read. */
  meter: string;
  buildMs: number;
}

/** Builds the CLI as `npm run build` does and copies it where nothing else rebuilds it. */
export function snapshotCli(): Cli {
  const started = performance.now();
  execFileSync(process.execPath, ["scripts/build.mjs"], { cwd: ROOT, stdio: "inherit" });
  const buildMs = performance.now() - started;
  const dir = mkdtempSync(path.join(tmpdir(), "aep-gitops-bench-cli-"));
  mkdirSync(path.join(dir, "dist"));
  cpSync(path.join(ROOT, "bin"), path.join(dir, "bin"), { recursive: true });
  cpSync(path.join(ROOT, "dist/cli"), path.join(dir, "dist/cli"), { recursive: true });
  cpSync(path.join(ROOT, "package.json"), path.join(dir, "package.json"));
  symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");
  const bin = path.join(dir, "bin/aep-gitops.js");
  const version = spawnSync(process.execPath, [bin, "--version"], { encoding: "utf8", env: cleanEnv({}) });
  if (version.status !== 0) throw new Error(`the built CLI does not start: ${version.stderr || version.stdout}`);
  return { bin, dir, meter: PYTHON ? "python3 os.wait4 (µs)" : "GNU time %U %S %M (10 ms)", buildMs };
}

export function removeCli(cli: Cli): void {
  rmSync(cli.dir, { recursive: true, force: true });
}

/** The environment of every measured process: the same few variables for the CLI and for `node -e 0`. */
export function cleanEnv(extra: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = { NO_COLOR: "1" };
  for (const name of ["PATH", "HOME", "TMPDIR", "LANG"]) if (process.env[name]) env[name] = process.env[name]!;
  return { ...env, ...extra };
}

const PYTHON = ["/usr/bin/python3", "/usr/local/bin/python3"].find((p) => existsSync(p));

const WAIT4 = `
import json, os, sys, time
res, out, err, *argv = sys.argv[1:]
actions = [(os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
           (os.POSIX_SPAWN_OPEN, 1, out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600),
           (os.POSIX_SPAWN_OPEN, 2, err, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)]
started = time.perf_counter()
pid = os.posix_spawn(argv[0], argv, os.environ, file_actions=actions)
_, status, ru = os.wait4(pid, 0)
wall = time.perf_counter() - started
with open(res, "w") as f:
    json.dump({"wallMs": wall * 1000, "userMs": ru.ru_utime * 1000, "sysMs": ru.ru_stime * 1000,
               "maxRssKb": ru.ru_maxrss, "exitCode": os.waitstatus_to_exitcode(status)}, f)
`;

export interface Metered {
  wallMs: number;
  userMs: number;
  sysMs: number;
  maxRssMb: number;
  exitCode: number | null;
  /** The last lines of what it printed (for error messages). */
  tail: string;
}

/** Runs argv (argv[0] an absolute path) with stdin from /dev/null and its output into files. */
export async function metered(
  argv: string[],
  options: { cwd: string; env: Record<string, string>; timeoutMs: number },
): Promise<Metered> {
  const dir = mkdtempSync(path.join(tmpdir(), "aep-gitops-bench-run-"));
  const [res, out, err] = ["result", "stdout", "stderr"].map((f) => path.join(dir, f)) as [string, string, string];
  try {
    let wallMs = NaN;
    let code: number | null;
    if (PYTHON) {
      code = await run(PYTHON, ["-c", WAIT4, res, out, err, ...argv], options, "ignore");
    } else {
      const fds = [openSync(out, "w"), openSync(err, "w")] as const;
      const started = performance.now();
      try {
        code = await run("/usr/bin/time", ["-o", res, "-f", "%e %U %S %M", ...argv], options, fds);
      } finally {
        fds.forEach((fd) => closeSync(fd));
      }
      wallMs = performance.now() - started;
    }
    const tail = ["stdout", "stderr"]
      .map((f) => (existsSync(path.join(dir, f)) ? readFileSync(path.join(dir, f), "utf8").slice(-1500) : ""))
      .join("\n")
      .trim();
    if (!existsSync(res)) throw new Error(`the meter wrote no result (exit ${code}): ${tail}`);
    const text = readFileSync(res, "utf8").trim();
    if (PYTHON) {
      const r = JSON.parse(text) as Omit<Metered, "tail" | "maxRssMb"> & { maxRssKb: number };
      return {
        wallMs: r.wallMs,
        userMs: r.userMs,
        sysMs: r.sysMs,
        maxRssMb: r.maxRssKb / 1024,
        exitCode: r.exitCode,
        tail,
      };
    }
    // GNU time writes "Command exited with non-zero status N" before the figures when the child fails.
    const [, user, sys, rss] = text.split("\n").at(-1)!.split(" ").map(Number) as [number, number, number, number];
    return { wallMs, userMs: user * 1000, sysMs: sys * 1000, maxRssMb: rss / 1024, exitCode: code, tail };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Spawns in a process group of its own, so a timeout stops the meter and the measured child together. */
function run(
  file: string,
  args: string[],
  options: { cwd: string; env: Record<string, string>; timeoutMs: number },
  stdio: "ignore" | readonly [number, number],
): Promise<number | null> {
  const child = spawn(file, args, {
    cwd: options.cwd,
    env: options.env,
    detached: true,
    stdio: stdio === "ignore" ? "ignore" : ["ignore", stdio[0], stdio[1]],
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        // already gone
      }
      reject(new Error(`the command did not finish within ${Math.round(options.timeoutMs / 1000)} s and was stopped`));
    }, options.timeoutMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("exit", (exitCode) => {
      clearTimeout(timer);
      resolve(exitCode);
    });
  });
}
