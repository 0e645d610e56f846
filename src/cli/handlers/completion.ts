// What `aep-gitops completion SHELL` does (its declaration: commands/completion.ts).
import type { Io } from "../../app/io.js";
import { createOutput } from "../../app/output.js";
import { AppError, ExitCode } from "../../errors.js";
import type { CommandSpec } from "../command.js";
import { bashScript } from "../completion/bash.js";
import { fishScript } from "../completion/fish.js";
import { completionModel, type COMPLETION_SHELLS, type CompletionModel } from "../completion/model.js";
import { zshScript } from "../completion/zsh.js";

// One script for each shell the command declares (a shell added there without one is a type error).
const SCRIPTS: Record<(typeof COMPLETION_SHELLS)[number], (model: CompletionModel) => string> = {
  bash: bashScript,
  zsh: zshScript,
  fish: fishScript,
};

export async function handle(shell: string, commands: readonly CommandSpec[], io: Io): Promise<number> {
  const script = Object.hasOwn(SCRIPTS, shell) ? SCRIPTS[shell as keyof typeof SCRIPTS] : undefined;
  if (!script)
    throw new AppError("usage", `Unknown shell '${shell}': completion scripts are for bash, zsh and fish.`, {
      hint: "Run 'aep-gitops completion bash' (or zsh, or fish); 'aep-gitops completion --help' says how to install it.",
    });
  createOutput(io).write(script(completionModel(commands)));
  return ExitCode.ok;
}
