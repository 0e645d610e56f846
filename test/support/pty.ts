// Runs a command on a pseudo-terminal (util-linux `script`), as a person at a terminal would: stdin and
// stdout are a TTY. Tests of colour and of terminal-only output use it; where `script` is missing they
// skip with a notice.
import { spawn, spawnSync } from "node:child_process";

export const PTY_AVAILABLE = spawnSync("script", ["--version"], { encoding: "utf8" }).status === 0;

export function onPty(
  args: string[],
  opts: { cwd: string; env: Record<string, string | undefined> },
): Promise<{ code: number | null; output: string }> {
  const quoted = args.map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(" ");
  return new Promise((resolve, reject) => {
    const child = spawn("script", ["-qefc", quoted, "/dev/null"], {
      cwd: opts.cwd,
      env: Object.fromEntries(Object.entries(opts.env).filter(([, v]) => v !== undefined)) as Record<string, string>,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, output }));
  });
}
