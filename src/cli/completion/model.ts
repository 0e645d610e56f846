// What shell completion knows of the command line, read from the declarations --help shows
// (src/cli/commands/*, options.ts): the commands with their summaries, each one's options (and what
// their values are) and what its argument is. Each shell's script (bash.ts, zsh.ts, fish.ts) is written
// from this alone, so a command or an option declared once is completed in every shell.
import type { CommandSpec } from "../command.js";
import { OPTIONS, type OptionName } from "../options.js";

/** The shells `aep-gitops completion` writes a script for. */
export const COMPLETION_SHELLS = ["bash", "zsh", "fish"] as const;

/** What a value is completed with: words of a list, files (and folders), folders only, or nothing. */
export type Values = { words: readonly string[] } | "files" | "dirs" | "free";

export interface CompletedOption {
  /** `-c`, when it has a short form. */
  short?: string;
  long: string;
  description: string;
  /** What its value is; absent for a flag. */
  value?: { name: string; values: Values };
  repeatable: boolean;
}

export interface CompletedArgument {
  name: string;
  values: Values;
  variadic: boolean;
  required: boolean;
}

export interface CompletedCommand {
  name: string;
  summary: string;
  options: CompletedOption[];
  argument?: CompletedArgument;
}

export interface CompletionModel {
  /** Every command, `help` and `version` (commander's own) included. */
  commands: CompletedCommand[];
  /** What the program takes before any command. */
  globals: CompletedOption[];
}

const HELP: CompletedOption = { short: "-h", long: "--help", description: "show this help", repeatable: false };

export function completionModel(specs: readonly CommandSpec[]): CompletionModel {
  const names = [...specs.map((s) => s.name), "help", "version"];
  const commands: CompletedCommand[] = specs.map((spec) => ({
    name: spec.name,
    summary: spec.summary,
    options: [
      ...spec.options.map((use) =>
        typeof use === "string" ? option(use) : option(use.name, use.description, use.choices),
      ),
      option("color"),
      HELP,
    ],
    ...(spec.args ? { argument: argument(spec.args, spec.argChoices) } : {}),
  }));
  commands.push(
    {
      name: "help",
      summary: "show the help of a command",
      options: [],
      argument: { name: "command", values: { words: names }, variadic: false, required: false },
    },
    { name: "version", summary: "print the version", options: [] },
  );
  const version = { short: "-V", long: "--version", description: "print the version", repeatable: false };
  return { commands, globals: [version, HELP] };
}

function option(name: OptionName, description?: string, choices?: readonly string[]): CompletedOption {
  const spec = OPTIONS[name];
  const short = /^(-\w),/.exec(spec.flags)?.[1];
  const long = /--[\w-]+/.exec(spec.flags)![0];
  const placeholder = /<([\w-]+)>/.exec(spec.flags)?.[1];
  const words = choices ?? ("choices" in spec ? spec.choices : undefined);
  return {
    short,
    long,
    description: brief(description ?? spec.description),
    ...(placeholder ? { value: { name: placeholder, values: words ? { words } : valuesNamed(placeholder) } } : {}),
    repeatable: "repeatable" in spec,
  };
}

/** `[dir...]`, `<file>`: the argument's name says what it is. */
function argument(syntax: string, choices: readonly string[] | undefined): CompletedArgument {
  const name = /[\w-]+/.exec(syntax)![0];
  return {
    name,
    values: choices ? { words: choices } : valuesNamed(name),
    variadic: syntax.includes("..."),
    required: syntax.startsWith("<"),
  };
}

function valuesNamed(name: string): Values {
  if (name === "dir") return "dirs";
  return name === "file" || name === "path" ? "files" : "free";
}

/** A menu has one line per option: the description without its asides, up to the first semicolon. */
function brief(text: string): string {
  let plain = text;
  for (let was = ""; was !== plain;) [was, plain] = [plain, plain.replace(/\s*\([^()]*\)/g, "")];
  return plain.split("; ")[0]!.trim();
}

/** Words go into the scripts unquoted (compgen -W, case patterns): names and choices are plain words. */
export function plainWords(words: readonly string[]): string {
  for (const word of words) if (!/^[\w.-]+$/.test(word)) throw new Error(`not a plain word for completion: ${word}`);
  return words.join(" ");
}
