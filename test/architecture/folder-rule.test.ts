// The folder rule (AGENTS.md, "Folders and their jobs"), as .dependency-cruiser.cjs writes it down:
// src/ keeps it, and a tree that breaks it is caught, rule by rule, so the config cannot rot into one
// that passes everything.
import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { cruise, type ICruiseResult, type IViolation } from "dependency-cruiser";
import extractDepcruiseOptions from "dependency-cruiser/config-utl/extract-depcruise-options";
import extractTSConfig from "dependency-cruiser/config-utl/extract-ts-config";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const CONFIG = path.join(REPO, ".dependency-cruiser.cjs");

/** Cruises `root`/src with the repository's config, as `npm run lint:deps` does, and returns the violations. */
async function violationsIn(root: string): Promise<IViolation[]> {
  const options = await extractDepcruiseOptions(CONFIG);
  const tsConfig = path.join(root, "tsconfig.json");
  const result = await cruise(
    ["src"],
    { ...options, baseDir: root, tsConfig: { fileName: tsConfig } },
    {},
    { tsConfig: extractTSConfig(tsConfig) },
  );
  return (result.output as ICruiseResult).summary.violations;
}

function describeViolation(v: IViolation): string {
  return `${v.rule.name}: ${v.from} -> ${v.to}`;
}

describe("the folder rule", () => {
  it("holds in src/", async () => {
    const violations = await violationsIn(REPO);
    expect(violations.map(describeViolation)).toEqual([]);
  });

  describe("bites on a tree that breaks it", () => {
    let root: string;
    let found: string[];

    // Each file is a few lines: one import that breaks (or keeps) one rule.
    const files: Record<string, string> = {
      "tsconfig.json": JSON.stringify({
        compilerOptions: { module: "NodeNext", moduleResolution: "NodeNext", strict: true, noEmit: true },
        include: ["src", "test"],
      }),
      "src/errors.ts": `import type { P } from "./domain/p.js";\nexport type E = P;\n`,
      "src/domain/p.ts": `export type P = string;\n`,
      // The domain does no I/O, and imports no layer below it.
      "src/domain/io.ts": `import { readFileSync } from "node:fs";\nexport const read = readFileSync;\n`,
      "src/domain/uses-errors.ts": `import type { E } from "../errors.js";\nexport type D = E;\n`,
      // A circle inside one folder.
      "src/domain/ping.ts": `import { pong } from "./pong.js";\nexport const ping = (): number => pong();\n`,
      "src/domain/pong.ts": `import { ping } from "./ping.js";\nexport const pong = (): number => ping();\n`,
      // Report renders domain types only: a type-only import of reconcile's counts.
      "src/reconcile/result.ts": `import type { P } from "../domain/p.js";\nexport type Result = P;\n`,
      "src/report/render.ts": `import type { Result } from "../reconcile/result.js";\nexport const render = (r: Result): string => r;\n`,
      // config -> domain is allowed; aep -> config is not.
      "src/config/load.ts": `import type { P } from "../domain/p.js";\nexport const load = (): P => "";\n`,
      "src/aep/client.ts": `import { load } from "../config/load.js";\nexport const client = load;\n`,
      // app -> emulator is allowed (it starts the local Adobe); app -> cli is not.
      "src/emulator/server.ts": `import type { E } from "../errors.js";\nexport const start = (): E | undefined => undefined;\n`,
      "src/app/start.ts": `export const go = async (): Promise<unknown> => (await import("../emulator/server.js")).start();\n`,
      "src/cli/main.ts": `import { go } from "../app/start.js";\nexport const main = go;\n`,
      "src/app/reach-up.ts": `import { main } from "../cli/main.js";\nexport const up = main;\n`,
      "src/action/main.ts": `import { main } from "../cli/main.js";\nexport const run = main;\n`,
      // Shipped code never imports the tests; every import resolves.
      "test/support/helper.ts": `export const helper = 1;\n`,
      "src/github/uses-test.ts": `import { helper } from "../../test/support/helper.js";\nexport const h = helper;\n`,
      "src/github/missing.ts": `import { gone } from "./gone.js";\nexport const g = gone;\n`,
    };

    beforeAll(async () => {
      root = await mkdtemp(path.join(os.tmpdir(), "folder-rule-"));
      for (const [name, text] of Object.entries(files)) {
        await mkdir(path.dirname(path.join(root, name)), { recursive: true });
        await writeFile(path.join(root, name), text);
      }
      found = (await violationsIn(root)).map(describeViolation);
    });

    afterAll(async () => {
      if (root) await rm(root, { recursive: true, force: true });
    });

    it.each([
      "domain-is-pure-no-io-builtins: src/domain/io.ts -> fs",
      "domain-imports-only-domain: src/domain/uses-errors.ts -> src/errors.ts",
      "report-imports-only-domain: src/report/render.ts -> src/reconcile/result.ts",
      "aep-imports-only-domain: src/aep/client.ts -> src/config/load.ts",
      "app-not-to-adapters: src/app/reach-up.ts -> src/cli/main.ts",
      "action-not-to-cli: src/action/main.ts -> src/cli/main.ts",
      "emulator-imports-nothing: src/emulator/server.ts -> src/errors.ts",
      "src-not-to-test-or-bench: src/github/uses-test.ts -> test/support/helper.ts",
      "not-to-unresolvable: src/github/missing.ts -> ./gone.js",
    ])("%s", (violation) => {
      expect(found).toContain(violation);
    });

    it("finds the circle", () => {
      expect(found.filter((v) => v.startsWith("no-circular: src/domain/p"))).not.toEqual([]);
    });

    it("lets the allowed imports through", () => {
      const allowed = [
        "src/config/load.ts -> src/domain/p.ts",
        "src/app/start.ts -> src/emulator/server.ts",
        "src/cli/main.ts -> src/app/start.ts",
        "src/errors.ts -> src/domain/p.ts",
      ];
      expect(found.filter((v) => allowed.some((edge) => v.endsWith(`: ${edge}`)))).toEqual([]);
    });
  });
});
