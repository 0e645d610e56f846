// Every line the CLI prints goes through here, and every known secret value is masked on the way out,
// whichever code path produced the text: the last line of defence, not the only one.
import type { CliContext } from "./context.js";

export interface Output {
  out(text: string): void;
  err(text: string): void;
  addSecrets(values: string[]): void;
  readonly tty: boolean;
}

export function createOutput(ctx: CliContext): Output {
  const secrets = new Set<string>();
  const mask = (text: string) => {
    let masked = text;
    // Longest first, so a secret containing another is masked whole.
    for (const secret of [...secrets].sort((a, b) => b.length - a.length)) masked = masked.split(secret).join("****");
    return masked;
  };
  return {
    out: (text) => void ctx.stdout.write(mask(text.endsWith("\n") ? text : `${text}\n`)),
    err: (text) => void ctx.stderr.write(mask(text.endsWith("\n") ? text : `${text}\n`)),
    // Very short values would mask ordinary words; real credentials are never that short.
    addSecrets: (values) => values.filter((v) => v.length >= 6).forEach((v) => secrets.add(v)),
    tty: Boolean(ctx.stdout.isTTY),
  };
}
