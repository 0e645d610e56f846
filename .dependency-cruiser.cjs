// The folder rule (AGENTS.md, "Folders and their jobs"), checked by `npm run lint:deps` and by
// test/architecture/folder-rule.test.ts. Each folder imports only from the folders above it:
//
//   src/domain/                  pure; imports only itself (and src/version.ts)
//   src/errors.ts, version.ts    errors.ts carries Problems, so it imports src/domain; version.ts nothing
//   src/config/                  + domain
//   src/aep/                     + domain (not config)
//   src/reconcile/               + domain, aep (not config, report, app)
//   src/report/                  + domain only: pure rendering
//   src/github/                  + domain, report: the GitHub edge
//   src/app/                     everything above
//   src/cli/, src/action/        everything above, not each other
//   src/emulator/                beside the stack: imports nothing from src/; only app/ and cli/ start it
//
// Every rule is an allow-list ("may import only ..."), written by folder prefix, never by file name:
// files move between subfolders freely, and a new folder is forbidden until a rule names it.
// Type-only imports count: a type from a lower folder couples the two folders just the same.

/** The leaf modules every folder may import. */
const LEAVES = "^src/(errors|version)\\.ts$";

/** Node built-ins that do no I/O: hashing, path strings, formatting, bytes. */
const PURE_CORE = "^(node:)?(crypto|path|util|buffer)$";

/** npm packages that do no I/O (validators, parsers, globs). Add one here only if that holds. */
const PURE_NPM = "^node_modules/(ajv|yaml|js-yaml|picomatch|fast-json-patch)/";

/** A folder `from` may import only the src/ paths matching `allowed` (a regular expression). */
function onlyFrom(name, comment, from, allowed) {
  return {
    name,
    comment,
    severity: "error",
    from: { path: from },
    to: { path: "^src/", pathNot: allowed },
  };
}

/** `from` is pure: no Node built-in or npm package that could do I/O. */
function pure(name, comment, from) {
  return [
    {
      name: `${name}-no-io-builtins`,
      comment,
      severity: "error",
      from: { path: from },
      to: { dependencyTypes: ["core"], pathNot: PURE_CORE },
    },
    {
      name: `${name}-no-io-packages`,
      comment,
      severity: "error",
      from: { path: from },
      to: {
        dependencyTypes: ["npm", "npm-dev", "npm-optional", "npm-peer", "npm-no-pkg", "npm-unknown"],
        pathNot: PURE_NPM,
      },
    },
  ];
}

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      comment:
        "No import circles (AGENTS.md, house rules): a circle makes evaluation order matter and " +
        "hides which module is the lower one. Type-only circles count too.",
      severity: "error",
      from: { path: "^src/" },
      to: { circular: true },
    },
    {
      name: "src-not-to-test-or-bench",
      comment: "Shipped code never imports the tests, the benchmarks or the build scripts.",
      severity: "error",
      from: { path: "^src/" },
      to: { path: "^(test|bench|scripts)/" },
    },
    {
      name: "not-to-unresolvable",
      comment:
        "Every import in src/ resolves. An import that does not resolve is invisible to every rule " +
        "here, so it is an error rather than a gap.",
      severity: "error",
      from: { path: "^src/" },
      to: { couldNotResolve: true },
    },

    onlyFrom(
      "version-is-a-leaf",
      "src/version.ts reads package.json and imports nothing from src/.",
      "^src/version\\.ts$",
      "^src/version\\.ts$",
    ),
    onlyFrom(
      "errors-imports-only-domain",
      "src/errors.ts is the error taxonomy; it carries the domain's Problems (a config error lists them), " +
        "so it imports src/domain/ and nothing else. That is why src/domain/ may not import it.",
      "^src/errors\\.ts$",
      "^src/(domain/|errors\\.ts$|version\\.ts$)",
    ),
    onlyFrom(
      "domain-imports-only-domain",
      "src/domain/ is the pure core at the top: it imports only itself (and src/version.ts). It reports " +
        "Problems as values and throws no AppError, which keeps src/errors.ts -> src/domain/ one-way.",
      "^src/domain/",
      "^src/(domain/|version\\.ts$)",
    ),
    ...pure(
      "domain-is-pure",
      "src/domain/ does no I/O (AGENTS.md, 'The domain is pure'): no fs, net, http, child_process, os, " +
        "process, worker_threads..., and no npm package that does I/O. The planner's output depends on its " +
        "inputs only, which is what makes the checksum mean something.",
      "^src/domain/",
    ),
    onlyFrom(
      "config-imports-only-domain",
      "src/config/ turns files into desired state: it imports src/domain/ and the leaves, never the Adobe " +
        "edge, the orchestrator, the renderers or the layers that use it.",
      "^src/config/",
      `^src/(config|domain)/|${LEAVES}`,
    ),
    onlyFrom(
      "aep-imports-only-domain",
      "src/aep/ is the Adobe edge: it speaks in domain types and errors, and knows nothing of files " +
        "(src/config/), of the plan's execution or of rendering.",
      "^src/aep/",
      `^src/(aep|domain)/|${LEAVES}`,
    ),
    onlyFrom(
      "reconcile-imports-only-domain-and-aep",
      "src/reconcile/ (read live -> plan -> apply) works on domain types through the aep ports. It never " +
        "reads files (src/config/), renders (src/report/) or reaches up into src/app/.",
      "^src/reconcile/",
      `^src/(reconcile|domain|aep)/|${LEAVES}`,
    ),
    onlyFrom(
      "report-imports-only-domain",
      "src/report/ is pure rendering: it renders domain values (plans, apply results, problems) and errors. " +
        "The types it renders live in src/domain/, not in src/reconcile/, src/aep/ or src/config/.",
      "^src/report/",
      `^src/(report|domain)/|${LEAVES}`,
    ),
    ...pure(
      "report-is-pure",
      "src/report/ does no I/O (AGENTS.md, 'The domain is pure'): rendering is a function of its inputs.",
      "^src/report/",
    ),
    onlyFrom(
      "github-imports-only-domain-and-report",
      "src/github/ is the GitHub edge (the conversation, annotations, runner files): it renders with " +
        "src/report/ and speaks domain types. The Action (and src/app/) build it; it never reaches up.",
      "^src/github/",
      `^src/(github|domain|report)/|${LEAVES}`,
    ),
    onlyFrom(
      "app-not-to-adapters",
      "src/app/ is the application layer the CLI and the Action share: it may import everything above, " +
        "never the adapters that call it.",
      "^src/app/",
      `^src/(app|domain|config|aep|reconcile|report|github|emulator)/|${LEAVES}`,
    ),
    onlyFrom(
      "cli-not-to-action",
      "src/cli/ is an adapter: it may import everything above, never the other adapter (src/action/).",
      "^src/cli/",
      `^src/(cli|app|domain|config|aep|reconcile|report|github|emulator)/|${LEAVES}`,
    ),
    onlyFrom(
      "action-not-to-cli",
      "src/action/ is an adapter: it may import everything above, never the other adapter (src/cli/), " +
        "and never the emulator (the Action talks to the real Adobe; src/app/ starts the emulator for tests).",
      "^src/action/",
      `^src/(action|app|domain|config|aep|reconcile|report|github)/|${LEAVES}`,
    ),
    onlyFrom(
      "emulator-imports-nothing",
      "src/emulator/ is written from Adobe's contract and shares no code with the client or the planner " +
        "(AGENTS.md, house rules), so that it catches the client's mistakes instead of agreeing with them.",
      "^src/emulator/",
      "^src/emulator/",
    ),
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    // Count `import type` too: the folder rule is about coupling, not only about what runs.
    tsPreCompilationDeps: true,
    // NodeNext: `./x.js` in a .ts file means `./x.ts`. With the tsconfig, dependency-cruiser parses
    // with TypeScript and resolves a `.js` specifier to the `.ts` file when no `.js` file exists.
    tsConfig: { fileName: "tsconfig.json" },
    // Resolve npm packages the way Node does (package.json "exports"), so the pure-package allow-list
    // sees the real path under node_modules/.
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      mainFields: ["module", "main", "types", "typings"],
    },
    skipAnalysisNotInRules: true,
    reporterOptions: {
      text: { highlightFocused: true },
    },
  },
};
