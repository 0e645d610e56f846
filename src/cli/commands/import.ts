// aep-gitops import: YAML for destinations that already exist in a sandbox (made in Adobe's UI), so
// they come under Git without being recreated. The next plan shows only "adopt" changes.
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { openAdobe } from "../../app/adobe.js";
import { createOutput } from "../../app/output.js";
import { emitYaml } from "../../config/emit.js";
import { schemaReference } from "../../config/schema-location.js";
import { importFromLive } from "../../domain/import.js";
import { AppError, ExitCode } from "../../errors.js";
import { readLive } from "../../reconcile/read-live.js";
import type { CommandSpec } from "../command.js";
import { ADOBE_ENV } from "../help.js";

export const importCommand: CommandSpec = {
  name: "import",
  summary: "write YAML for destinations that already exist in a sandbox",
  description: `Reads the sandbox's Amazon Kinesis and Azure Event Hubs destinations that aep-gitops does not manage yet
and writes one YAML file per destination and per account into DIR. Credentials become \${env:NAME}
references (the names are listed); no secret is ever written. The next plan adopts them: it only marks
them as managed, nothing is recreated and no data is re-exported.`,
  options: [
    { name: "sandbox", description: "the sandbox to import from (default $AEP_SANDBOX, else prod)" },
    { name: "out", description: "the folder to write the YAML into (required)" },
    { name: "match", description: "only destinations whose name matches GLOB (* any run of characters, ? one)" },
    { name: "force", description: "overwrite files that already exist" },
    "emulator",
    "trace",
  ],
  exitCodes: [
    [0, "written; the next plan only adopts (marks) them"],
    [1, "an error (nothing is written when a file would be overwritten without --force)"],
  ],
  env: [...ADOBE_ENV],
  nature: "only writes YAML for what already exists",
  run: async (_args, values, io) => {
    if (!values.out)
      throw new AppError("usage", "import needs --out DIR: the folder to write the YAML into.", {
        hint: "aep-gitops import --sandbox prod --out destinations/prod",
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
        writeFileSync(file, emitYaml(doc, { schemaPath: schemaReference(path.dirname(file), schemaFile()), header }));
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
  },
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
