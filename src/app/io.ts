// What a run gets from the outside world: its folder, its environment and its streams. The CLI and the
// Action build one at their composition roots; nothing below them reads process.* itself, so tests run
// the same code with their own environment and streams.
export interface Io {
  cwd: string;
  env: Record<string, string | undefined>;
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
}
