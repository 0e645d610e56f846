// Finding and reading the tool config file. cosmiconfig does the finding (and loads JavaScript configs);
// YAML and JSON are parsed here with the yaml package, which keeps node positions, so a problem in the
// config points at file:line:col like a problem in the destination YAML does.
import type { CosmiconfigResult, Loader } from "cosmiconfig";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { Document, LineCounter, parseDocument } from "yaml";
import { AppError } from "../errors.js";
import { Locator } from "./locator.js";

export const MODULE_NAME = "aep-gitops";

/** In priority order; the first one found in a folder wins, and two in one folder are an error. */
export const SEARCH_PLACES = [
  "aep-gitops.config.yaml",
  "aep-gitops.config.yml",
  "aep-gitops.config.json",
  "aep-gitops.config.js",
  ".aep-gitopsrc",
  ".aep-gitopsrc.json",
  ".aep-gitopsrc.yaml",
  ".aep-gitopsrc.yml",
  "package.json",
];

export interface ConfigFile {
  file: string;
  /** The raw config (undefined for an empty file). */
  config: unknown;
  /** Maps a path inside the config to file:line:col. */
  locator: Locator;
}

/** Finds the config from `cwd` up to the repository root (the nearest folder with .git), never above it. */
export async function findConfigFile(cwd: string): Promise<ConfigFile | undefined> {
  const positions = new Map<string, { doc: Document; lineCounter: LineCounter }>();
  const folders = searchFolders(cwd);
  // Most runs have no config in any of these places: then cosmiconfig is not even loaded.
  if (!folders.some((dir) => SEARCH_PLACES.some((place) => existsSync(path.join(dir, place))))) return undefined;
  const explorer = await explorerFor(positions);
  for (const dir of folders) {
    const result = await explorer.search(dir).catch((error: unknown) => rethrow(error, dir));
    if (!result) continue;
    assertSingleConfig(dir, result.filepath);
    return toConfigFile(result, positions);
  }
  return undefined;
}

export async function readConfigFile(file: string): Promise<ConfigFile> {
  if (!existsSync(file)) throw new AppError("config", `config file not found: ${file}`);
  const positions = new Map<string, { doc: Document; lineCounter: LineCounter }>();
  const result = await (await explorerFor(positions)).load(file).catch((error: unknown) => rethrow(error, file));
  if (!result) throw new AppError("config", `${file} has no '${MODULE_NAME}' key`);
  return toConfigFile(result, positions);
}

async function explorerFor(positions: Map<string, { doc: Document; lineCounter: LineCounter }>) {
  // Loaded when a config is read: a few dozen modules no other run needs. A CommonJS module imported
  // dynamically: its exports are the namespace's own (Node) or its `default` (bundled).
  const loaded = (await import("cosmiconfig")) as typeof import("cosmiconfig") & {
    default?: typeof import("cosmiconfig");
  };
  const cosmiconfig = loaded.cosmiconfig ?? loaded.default!.cosmiconfig;
  // JSON is YAML 1.2, so one position-keeping loader serves both.
  const loader: Loader = (filepath, content) => {
    const lineCounter = new LineCounter();
    const doc = parseDocument(content, { lineCounter, prettyErrors: false, uniqueKeys: true });
    const error = doc.errors[0];
    if (error) {
      const { line, col } = lineCounter.linePos(error.pos[0]);
      throw new AppError("config", `${filepath}:${line}:${col}: ${error.message.split("\n")[0]}`);
    }
    positions.set(filepath, { doc, lineCounter });
    // A file holding only comments is a config with all defaults, not "no config here".
    return (doc.toJS({ maxAliasCount: 100 }) ?? {}) as object;
  };
  return cosmiconfig(MODULE_NAME, {
    searchPlaces: SEARCH_PLACES,
    searchStrategy: "none",
    // An empty config file is found (and means "all defaults") rather than skipped.
    ignoreEmptySearchPlaces: false,
    cache: false,
    loaders: { ".yaml": loader, ".yml": loader, ".json": loader, noExt: loader, ".js": loadJs },
  });
}

/**
 * A JavaScript config, CommonJS or an ECMAScript module, by require(): cosmiconfig's own loader uses
 * import(), which the CLI's code cache cannot serve on Node 20 (a cached function loses its import
 * callback: bin/code-cache.js), so the bundle has no import() of its own to run (scripts/build.mjs
 * checks). Node ≥ 20.19 requires an ES module as its namespace, whose default export is the config.
 */
const loadJs: Loader = (filepath) => {
  try {
    const loaded = createRequire(import.meta.url)(filepath) as { default?: unknown; [Symbol.toStringTag]?: string };
    return (loaded?.[Symbol.toStringTag] === "Module" ? loaded.default : loaded) as object;
  } catch (error) {
    if ((error as { code?: string }).code === "ERR_REQUIRE_ESM")
      throw new AppError(
        "config",
        `${filepath}: an ES module config needs Node 20.19 or later (this is ${process.version})`,
        {
          hint: "write the config as YAML (aep-gitops.config.yaml), or as CommonJS (module.exports = { … })",
        },
      );
    throw error;
  }
};

function toConfigFile(
  result: NonNullable<CosmiconfigResult>,
  positions: Map<string, { doc: Document; lineCounter: LineCounter }>,
): ConfigFile {
  const parsed = positions.get(result.filepath) ?? { doc: new Document(null), lineCounter: new LineCounter() };
  const prefix = path.basename(result.filepath) === "package.json" ? [MODULE_NAME] : [];
  return {
    file: result.filepath,
    config: result.config,
    locator: new Locator(result.filepath, parsed.doc, parsed.lineCounter, prefix),
  };
}

/** Two config files side by side would make one of them silently ignored: refuse instead. */
function assertSingleConfig(dir: string, found: string): void {
  const present = SEARCH_PLACES.filter((place) => {
    const candidate = path.join(dir, place);
    if (!existsSync(candidate)) return false;
    if (place !== "package.json") return true;
    try {
      return MODULE_NAME in (JSON.parse(readFileSync(candidate, "utf8")) as object);
    } catch {
      return false;
    }
  });
  if (present.length > 1) {
    throw new AppError("config", `several aep-gitops configs in ${dir}: ${present.join(", ")}`, {
      hint: `keep one of them (${path.basename(found)} is the one that would be used)`,
    });
  }
}

function searchFolders(cwd: string): string[] {
  const folders: string[] = [];
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    folders.push(dir);
    if (existsSync(path.join(dir, ".git"))) return folders;
    if (dir === path.dirname(dir)) return [path.resolve(cwd)]; // not in a repository: only cwd
  }
}

function rethrow(error: unknown, where: string): never {
  if (error instanceof AppError) throw error;
  const message = error instanceof Error ? error.message : String(error);
  throw new AppError("config", `cannot load the aep-gitops config in ${where}: ${message}`, { cause: error });
}
