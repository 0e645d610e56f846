// The output port: every line the CLI or the Action prints goes through here, and every known secret
// value is masked on the way out, whichever code path produced the text: the last line of defence,
// not the only one. So is the terminal and CI-log rule (report/escape/terminal.ts): no control character
// but the tool's own colours and progress line reaches the terminal, and no line is a workflow command,
// except the Action's own, written with command().
import { inertCommands, withoutForeignControls } from "../report/escape/terminal.js";
import type { Io } from "./io.js";

export interface Output {
  out(text: string): void;
  /** Raw text to stdout, no newline added (a terminal's status line). */
  write(text: string): void;
  err(text: string): void;
  /** Raw text to stderr, no newline added (a status line there: the wait for a sandbox lock). */
  errWrite(text: string): void;
  /** One workflow command of the Action's own (src/github/workflow-commands.ts built and escaped it). */
  command(line: string): void;
  addSecrets(values: string[]): void;
  /** The text with every known secret starred out: for what is sent elsewhere (GitHub, a trace file). */
  mask(text: string): string;
  readonly tty: boolean;
  /** Whether stderr is a terminal (a status line there may be rewritten in place). */
  readonly errTty: boolean;
  /** Whether to paint text: see colorEnabled. */
  readonly color: boolean;
}

/**
 * Colour, decided once for a command the way most tools do (https://no-color.org, https://force-color.org):
 * FORCE_COLOR (anything but 0/false) turns it on, a non-empty NO_COLOR turns it off, else a terminal
 * gets colour and a pipe or a file does not. The CLI's --no-color sets NO_COLOR and clears FORCE_COLOR.
 */
export function colorEnabled(ctx: Pick<Io, "stdout"> & { env?: Io["env"] | undefined }): boolean {
  const force = ctx.env?.FORCE_COLOR;
  if (force !== undefined && force !== "0" && force !== "false") return true;
  if (ctx.env?.NO_COLOR) return false;
  return Boolean(ctx.stdout.isTTY);
}

/** The text with every one of `secrets` starred out; longest first, so a secret containing another goes whole. */
export function maskText(text: string, secrets: Iterable<string>): string {
  let masked = text;
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) masked = masked.split(secret).join("****");
  return masked;
}

export function createOutput(ctx: Pick<Io, "stdout" | "stderr"> & { env?: Io["env"] | undefined }): Output {
  const secrets = new Set<string>();
  const mask = (text: string) => maskText(text, secrets);
  const safe = (text: string) => inertCommands(withoutForeignControls(mask(text)));
  const line = (text: string) => (text.endsWith("\n") ? text : `${text}\n`);
  return {
    out: (text) => void ctx.stdout.write(safe(line(text))),
    write: (text) => void ctx.stdout.write(safe(text)),
    err: (text) => void ctx.stderr.write(safe(line(text))),
    errWrite: (text) => void ctx.stderr.write(safe(text)),
    command: (text) => void ctx.stdout.write(mask(line(text))),
    // Very short values would mask ordinary words; real credentials are never that short.
    addSecrets: (values) => values.filter((v) => v.length >= 6).forEach((v) => secrets.add(v)),
    mask,
    tty: Boolean(ctx.stdout.isTTY),
    errTty: Boolean(ctx.stderr.isTTY),
    color: colorEnabled(ctx),
  };
}
