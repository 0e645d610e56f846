// What `aep-gitops import` does (its declaration: commands/import.ts).
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { openAdobe } from "../../app/adobe.js";
import { packageRoot } from "../../app/package-root.js";
import { createOutput } from "../../app/output.js";
import { emitYaml } from "../../config/emit.js";
import { schemaReference } from "../../config/schema-location.js";
import type { ConnectionSpecPort } from "../../aep/connection-specs.js";
import { specSecretFields } from "../../domain/checks/connection-spec.js";
import { destinationType, type DestinationType } from "../../domain/destination-types/index.js";
import { globMatcher, globProblem } from "../../domain/match/glob.js";
import { importFromLive } from "../../domain/operate/import.js";
import type { LiveSandbox } from "../../domain/state/live.js";
import { AppError, ExitCode } from "../../errors.js";
import { readLive } from "../../reconcile/read-live.js";
import { printable } from "../../report/escape/terminal.js";
import type { CommandSpec } from "../command.js";

export const handle: CommandSpec["handle"] = async (_args, values, io) => {
  if (!values.out)
    throw new AppError("usage", "import needs --out DIR: the folder to write the YAML into.", {
      hint: "aep-gitops import --sandbox prod --out destinations/prod",
    });
  const refused = values.match === undefined ? undefined : globProblem(values.match);
  if (refused)
    throw new AppError("usage", `--match '${values.match}': ${refused.message}; nothing was read or written.`, {
      hint: "globs take * (any run of characters but /), ? (one character), {a,b} (either) and \\ before a literal character",
    });
  const sandbox = values.sandbox ?? io.env.AEP_SANDBOX ?? "prod";
  const output = createOutput(io);
  const adobe = await openAdobe(values, io, output);
  try {
    const live = await readLive(adobe.port(sandbox), { needProfileSource: false });
    const match = values.match ? globMatcher(values.match, { ignoreCase: true }) : () => true;
    const secrets = await secretFieldsOf(adobe.specs(sandbox), live, match);
    const result = importFromLive(live, match, (type) => secrets.get(type));
    const out = path.resolve(io.cwd, values.out);
    const files = [
      ...result.accounts.map((doc) => ({ file: path.join(out, "accounts", `${doc.name}.yaml`), doc })),
      ...result.destinations.map((doc) => ({ file: path.join(out, `${doc.name}.yaml`), doc })),
    ];
    const clashes = files.filter((f) => existsSync(f.file));
    if (clashes.length > 0 && !values.force) {
      throw new AppError(
        "usage",
        `${clashes.length} file(s) already exist, e.g. ${path.relative(io.cwd, clashes[0]!.file)}; nothing was written.`,
        { hint: "Choose another --out, or pass --force to overwrite." },
      );
    }
    for (const { file, doc } of files) {
      mkdirSync(path.dirname(file), { recursive: true });
      const header = [
        `Imported by aep-gitops from sandbox '${sandbox}'. adoptId marks the existing object the next apply adopts.`,
      ];
      writeFileSync(file, emitYaml(doc, { schemaPath: schemaReference(path.dirname(file), schemaFile()), header }));
      output.out(`wrote ${path.relative(io.cwd, file)}`);
    }
    // Flow names are Adobe's: anything anyone typed in the UI, shown as one printable line.
    for (const skipped of result.skipped) output.err(`skipped '${printable(skipped.name)}': ${skipped.reason}`);
    if (files.length === 0) {
      // Nothing written, nothing to plan: a "Next:" line here would send the user to a folder that is not there.
      const matching = values.match === undefined ? "" : ` matching '${printable(values.match)}'`;
      const why =
        result.skipped.length > 0
          ? `every destination${matching} it does not manage yet was skipped (each with its reason, above)`
          : `it has no destination${matching} that aep-gitops does not manage already`;
      output.out(`\nNothing was imported from sandbox '${printable(sandbox)}': ${why}.`);
      return ExitCode.ok;
    }
    output.out(
      `\nImported ${result.destinations.length} destination(s) and ${result.accounts.length} account(s) from sandbox '${sandbox}'.`,
    );
    if (result.envNames.length > 0) {
      output.out(
        `Set these environment variables to the accounts' credentials before you plan:\n${result.envNames.map((n) => `  ${n}`).join("\n")}`,
      );
    }
    // The flags the next command needs to reach the same Adobe: the same sandbox, the same emulator.
    const again = [`--sandbox ${sandbox}`, ...(values.emulator ? ["--emulator"] : [])].join(" ");
    output.out(`Next: aep-gitops plan ${path.relative(io.cwd, out) || "."} ${again}   (expect only 'adopt' changes)`);
    return ExitCode.ok;
  } finally {
    await adobe.close();
  }
};
/**
 * Which credential fields the sandbox's connection specs mark secret, for the types import may write an
 * account of: one GET per type (none when nothing is imported). A spec Adobe will not show leaves the
 * registry to decide.
 */
async function secretFieldsOf(
  specs: ConnectionSpecPort,
  live: LiveSandbox,
  match: (name: string) => boolean,
): Promise<Map<DestinationType, Set<string> | undefined>> {
  const types = [...new Set(live.flows.flatMap((f) => (!f.owner && f.type && match(f.name) ? [f.type] : [])))];
  const read = await Promise.all(
    types.map(async (type) =>
      specSecretFields(await specs.connectionSpec(destinationType(type).connectionSpecId), type),
    ),
  );
  return new Map(types.map((type, i) => [type, read[i]]));
}

function schemaFile(): string {
  return path.join(packageRoot(import.meta.url), "schemas/aep-gitops.schema.json");
}
