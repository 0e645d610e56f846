// The command line, built with commander from the declarations in commands/: one place gives every
// command its arguments, options (each with a help line), exit codes and environment, `-V/--version`,
// did-you-mean for mistyped commands and options, and the refusal of options a command has no use for.
// Commander never exits the process or prints an error itself here: a parse error becomes a usage
// AppError for the CLI's one error boundary (src/cli/boundary.ts).
import { Command, CommanderError, Option } from "commander";
import type { Io } from "../app/io.js";
import { AppError } from "../errors.js";
import { VERSION } from "../version.js";
import type { CommandSpec, OptionUse } from "./command.js";
import { helpFooter } from "./help.js";
import { longFlag, OPTIONS, type CliOptions, type OptionName } from "./options.js";

/** What the program decided to run: a command with its values, or nothing more (help, version). */
export type Parsed = { spec: CommandSpec; args: string[]; options: CliOptions } | { done: number };

export async function parseCommandLine(typed: string[], specs: readonly CommandSpec[], io: Io): Promise<Parsed> {
  // `help NAME` naming no command is that unknown command, said (with commander's suggestion) as
  // `aep-gitops NAME` says it; commander alone prints the general help and exits 1 without a word why.
  const known = ["help", "version", ...specs.map((s) => s.name)];
  const unknownHelp = typed[0] === "help" && typed[1] !== undefined && !typed[1].startsWith("-");
  const argv = unknownHelp && !known.includes(typed[1]!) ? typed.slice(1) : typed;
  let chosen: Parsed | undefined;
  let failure = "";
  const program = new Command("aep-gitops")
    .description(
      "GitOps for Adobe Experience Platform streaming destinations: YAML in Git, plans on pull requests, reconcile on merge, drift on a schedule.",
    )
    .usage("<command> [options]")
    .version(VERSION, "-V, --version", "print the version")
    .helpOption("-h, --help", "show this help")
    .helpCommand("help [command]", "show the help of a command")
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => void io.stdout.write(text),
      writeErr: (text) => void io.stderr.write(text),
      // Errors go through the boundary (plain text or JSON), never straight to stderr.
      outputError: (text) => void (failure = text),
      getOutHelpWidth: () => io.stdout.columns ?? 100,
      getErrHelpWidth: () => 100,
    })
    .addHelpText(
      "after",
      "\nExit codes: 0 success, 1 an error or a refusal, 2 changes (plan --detailed-exitcode), drift (drift) or a destination failing or silent (status).\nRun 'aep-gitops <command> --help' for a command's options, exit codes and environment.\n",
    );
  program
    .command("version")
    .description("print the version")
    .action(() => {
      io.stdout.write(`${VERSION}\n`);
      chosen = { done: 0 };
    });

  // Only the command this command line names (or asks help for) gets its options: the others are listed in the
  // help by name and summary, and a start-up does not build some 150 options it will not read.
  const named = argv[0] === "help" ? argv[1] : argv[0];
  for (const spec of specs) {
    const command = program.command(spec.name).summary(spec.summary);
    if (spec.args) command.argument(spec.args);
    if (spec.name === named) declare(command, spec, specs, (parsed) => (chosen = parsed));
  }

  try {
    await program.parseAsync(argv, { from: "user" });
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    // Help and the version were printed by commander; for `aep-gitops` alone the exit code is 1.
    if (error.exitCode === 0 || error.code === "commander.help") return { done: error.exitCode };
    if (error.code === "commander.helpDisplayed" || error.code === "commander.version") return { done: 0 };
    const [first = error.message, ...rest] = failure.trim().split("\n");
    const suggestion = rest.join(" ").replace(/^\((.*)\)$/, "$1");
    const command = specs.find((s) => s.name === argv[0]);
    throw new AppError(
      "usage",
      first.replace(/^error: /, "").replace(/^./, (c) => c.toUpperCase()),
      {
        hint: suggestion || `Run 'aep-gitops ${command ? `${command.name} ` : ""}--help' for the options.`,
      },
    );
  }
  return chosen ?? { done: 0 };
}

/**
 * Descriptions are written wrapped in the source; commander wraps to the terminal, so a paragraph's
 * lines are joined first. A paragraph with indented lines is a list, and is kept as written.
 */
function reflow(text: string): string {
  return text
    .split("\n\n")
    .map((paragraph) => (/\n\s/.test(paragraph) ? paragraph : paragraph.replace(/\n/g, " ")))
    .join("\n\n");
}

/** A command's whole declaration: description, options (its own, and others' to refuse), help, action. */
function declare(command: Command, spec: CommandSpec, specs: readonly CommandSpec[], choose: (p: Parsed) => void) {
  command
    .description(reflow(spec.description))
    .helpOption("-h, --help", "show this help")
    .showSuggestionAfterError(true)
    .addHelpText("after", helpFooter(spec));
  const taken = new Set<OptionName>();
  for (const use of spec.options) {
    const name = typeof use === "string" ? use : use.name;
    taken.add(name);
    command.addOption(option(use));
  }
  command.addOption(new Option(OPTIONS.color.flags, OPTIONS.color.description));
  taken.add("color");
  // Every other option is recognised, so that it can be refused with a reason instead of a guess.
  const foreign = (Object.keys(OPTIONS) as OptionName[]).filter((name) => !taken.has(name));
  for (const name of foreign) command.addOption(new Option(OPTIONS[name].flags).hideHelp());
  command.action((...params: unknown[]) => {
    const self = params[params.length - 1] as Command;
    const given = foreign.filter((name) => self.getOptionValueSource(name) === "cli");
    if (given.length > 0) throw misplaced(spec, given[0]!, specs);
    const args = (self.processedArgs.flat() as (string | undefined)[]).filter((a) => a !== undefined);
    choose({ spec, args, options: self.opts<CliOptions>() });
  });
}

function option(use: OptionUse): Option {
  const name = typeof use === "string" ? use : use.name;
  const base = OPTIONS[name];
  const made = new Option(base.flags, typeof use === "string" ? base.description : use.description);
  const choices = (typeof use === "string" ? undefined : use.choices) ?? ("choices" in base ? base.choices : undefined);
  if ("repeatable" in base)
    made.argParser((value: string, previous: string[] | undefined) => [...(previous ?? []), value]);
  return choices ? made.choices(choices) : made;
}

/** `--emulator makes no sense for validate, which …; plan, apply, drift, import and doctor take it.` */
function misplaced(spec: CommandSpec, name: OptionName, specs: readonly CommandSpec[]): AppError {
  const takers = specs
    .filter((s) => s.options.some((use) => (typeof use === "string" ? use : use.name) === name))
    .map((s) => s.name);
  const list = takers.length > 1 ? `${takers.slice(0, -1).join(", ")} and ${takers.at(-1)}` : takers[0];
  return new AppError("usage", `${longFlag(name)} makes no sense for ${spec.name}, which ${spec.nature}.`, {
    hint: `${list} ${takers.length > 1 ? "take" : "takes"} ${longFlag(name)}; see 'aep-gitops ${spec.name} --help'.`,
  });
}
