// The Action's log. Every line goes through the masking output port, so a secret that slipped into a
// message is still starred out; `mask` also tells the runner (::add-mask::), which then hides the
// value in every later line of the job, whoever prints it. Only the mask command itself is written
// unmasked, since the runner has to read the value to hide it. The port keeps any line of text from
// being a workflow command; the Action's own commands (annotations, groups) are written with
// output.command, built by workflow-commands.ts, which escapes what they carry.
import { maskText, type Output } from "../app/output.js";
import { annotationCommand, groupEnd, groupStart, maskCommands, type Annotation } from "../github/workflow-commands.js";

export interface ActionLog {
  readonly output: Output;
  info(text: string): void;
  annotate(annotation: Annotation): void;
  group(title: string, text: string): void;
  mask(values: (string | undefined)[]): void;
  /** The text with every masked value starred out: applied to all that is sent to GitHub. */
  redact(text: string): string;
}

export function createActionLog(output: Output, rawWrite: (line: string) => void): ActionLog {
  const masked = new Set<string>();
  return {
    output,
    info: (text) => output.out(text),
    annotate: (annotation) => output.command(annotationCommand(annotation)),
    group(title, text) {
      output.command(groupStart(title));
      output.out(text);
      output.command(groupEnd());
    },
    mask(values) {
      const fresh = values.filter((v): v is string => Boolean(v) && !masked.has(v!));
      for (const value of fresh) {
        masked.add(value);
        for (const line of maskCommands(value)) rawWrite(`${line}\n`);
      }
      output.addSecrets(fresh);
    },
    // Every value the runner was told about, short ones too (the output port skips those).
    redact: (text) => maskText(text, masked),
  };
}
