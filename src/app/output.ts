// The output port: every line the CLI or the Action prints goes through here, and every known secret
// value is masked on the way out, whichever code path produced the text: the last line of defence,
// not the only one.
import type { Io } from "./io.js";

export interface Output {
  out(text: string): void;
  err(text: string): void;
  addSecrets(values: string[]): void;
  /** The text with every known secret starred out: for what is sent elsewhere (GitHub, a trace file). */
  mask(text: string): string;
  readonly tty: boolean;
}

/** The text with every one of `secrets` starred out; longest first, so a secret containing another goes whole. */
export function maskText(text: string, secrets: Iterable<string>): string {
  let masked = text;
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) masked = masked.split(secret).join("****");
  return masked;
}

export function createOutput(ctx: Pick<Io, "stdout" | "stderr">): Output {
  const secrets = new Set<string>();
  const mask = (text: string) => maskText(text, secrets);
  return {
    out: (text) => void ctx.stdout.write(mask(text.endsWith("\n") ? text : `${text}\n`)),
    err: (text) => void ctx.stderr.write(mask(text.endsWith("\n") ? text : `${text}\n`)),
    // Very short values would mask ordinary words; real credentials are never that short.
    addSecrets: (values) => values.filter((v) => v.length >= 6).forEach((v) => secrets.add(v)),
    mask,
    tty: Boolean(ctx.stdout.isTTY),
  };
}
