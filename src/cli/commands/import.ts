// aep-gitops import: YAML for destinations that already exist in a sandbox (made in Adobe's UI), so
// they come under Git without being recreated. The next plan shows only "adopt" changes.
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { openAdobe } from "../../app/adobe.js";
import { createOutput } from "../../app/output.js";
import { emitYaml } from "../../config/emit.js";
import { importFromLive } from "../../domain/import.js";
import { AppError, ExitCode } from "../../errors.js";
import { readLive } from "../../reconcile/read-live.js";
import type { Command } from "../command.js";
import { COMMON_FLAGS, parseFlags } from "../options.js";

const USAGE = `usage: aep-gitops import --sandbox NAME --out DIR [--match GLOB] [--force] [--emulator]

Reads the sandbox's Amazon Kinesis and Azure Event Hubs destinations that aep-gitops does not manage yet
and writes one YAML file per destination and per account into DIR. Credentials become \${env:NAME}
references (the names are listed); no secret is ever written. The next plan adopts them: it only marks
them as managed, nothing is recreated and no data is re-exported. Existing files are not overwritten
unless --force.`;

const FLAGS = {
  ...COMMON_FLAGS,
  out: { type: "string", short: "o" },
  match: { type: "string" },
  force: { type: "boolean" },
} as const;

export const importCommand: Command = async (argv, io) => {
  const { values, positionals } = parseFlags(argv, FLAGS, USAGE);
  if (values.help) {
    io.stdout.write(`${USAGE}\n`);
    return ExitCode.ok;
  }
  if (!values.out || positionals.length > 0)
    throw new AppError("usage", "import needs --out DIR (and takes no positional arguments).", {
      hint: USAGE.split("\n")[0],
    });
  const sandbox = values.sandbox ?? io.env.AEP_SANDBOX ?? "prod";
  const output = createOutput(io);
  const adobe = await openAdobe(values, io, output);
  try {
    const live = await readLive(adobe.port(sandbox), { needProfileSource: false });
    const result = importFromLive(live, values.match ? globMatcher(values.match) : undefined);
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
      writeFileSync(file, emitYaml(doc, { schemaPath: path.relative(path.dirname(file), schemaFile()), header }));
      output.out(`wrote ${path.relative(io.cwd, file)}`);
    }
    for (const skipped of result.skipped) output.err(`skipped '${skipped.name}': ${skipped.reason}`);
    output.out(
      `\nImported ${result.destinations.length} destination(s) and ${result.accounts.length} account(s) from sandbox '${sandbox}'.`,
    );
    if (result.envNames.length > 0) {
      output.out(
        `Set these environment variables to the accounts' credentials before you plan:\n${result.envNames.map((n) => `  ${n}`).join("\n")}`,
      );
    }
    output.out(
      `Next: aep-gitops plan ${path.relative(io.cwd, out) || "."} --sandbox ${sandbox}   (expect only 'adopt' changes)`,
    );
    return ExitCode.ok;
  } finally {
    await adobe.close();
  }
};

function schemaFile(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../schemas/aep-gitops.schema.json");
}

/** `*` any run of characters, `?` one character; matched against the whole name, case-insensitively. */
function globMatcher(glob: string): (name: string) => boolean {
  const pattern = glob
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  const regex = new RegExp(`^${pattern}$`, "i");
  return (name) => regex.test(name);
}
