// Finding and reading the tool config file. The config is data: YAML or JSON (or package.json's
// `aep-gitops` key), read with the yaml package, which keeps node positions, so a problem in the config
// points at file:line:col like a problem in the destination YAML does. A JavaScript or TypeScript config
// is refused wherever it is met and never run: a plan job runs on whatever a pull request holds, with an
// Adobe credential in its environment. Like every file the tool reads, the config must lie inside the
// repository (repository.ts) and be at most 1 MiB, which is checked before a byte of it is read.
import { lstatSync, statSync } from "node:fs";
import path from "node:path";
import { LineCounter, parseDocument } from "yaml";
import { AppError } from "../errors.js";
import { formatBytes, MAX_FILE_BYTES, readBounded } from "./repository.js";
import { bytePosition, decodeUtf8 } from "./repository.js";
import { Locator, YamlSource } from "./locator.js";
import type { Repository } from "./repository.js";

export const MODULE_NAME = "aep-gitops";

/** In priority order; two in one folder are an error. JSON is YAML 1.2, so one reader serves both. */
export const SEARCH_PLACES = [
  "aep-gitops.config.yaml",
  "aep-gitops.config.yml",
  "aep-gitops.config.json",
  ".aep-gitopsrc",
  ".aep-gitopsrc.json",
  ".aep-gitopsrc.yaml",
  ".aep-gitopsrc.yml",
  "package.json",
];

/** What a config written as a script would be called in a search place: refused there, never run. */
const SCRIPT_PLACES = ["aep-gitops.config", ".aep-gitopsrc"].flatMap((base) =>
  ["js", "cjs", "mjs", "ts", "cts", "mts"].map((extension) => `${base}.${extension}`),
);
/** The extensions of a config named on purpose (--config, the Action's `config` input). */
const DATA_EXTENSIONS = new Set(["", ".yaml", ".yml", ".json"]);

export interface ConfigFile {
  file: string;
  /** The raw config (an empty file is an empty mapping). */
  config: unknown;
  /** Maps a path inside the config to file:line:col. */
  locator: Locator;
}

/** Finds the config from the working folder up to the repository root, never above it. */
export async function findConfigFile(repository: Repository): Promise<ConfigFile | undefined> {
  return search(repository);
}

/**
 * The folder the search above would find a config in, without reading or judging it: where the run's
 * local state belongs (the emulator's, src/app/adobe.ts), whichever subfolder it starts from.
 * A package.json counts only with the key; one that cannot be read is left for the real search to report.
 */
export function findConfigFolder(repository: Repository): string | undefined {
  for (const dir of repository.foldersUp()) {
    const places = [...SCRIPT_PLACES, ...SEARCH_PLACES.filter((place) => place !== "package.json")];
    if (places.some((place) => present(path.join(dir, place)))) return dir;
    const manifest = path.join(dir, "package.json");
    if (present(manifest) && readPackage(repository, manifest, true)) return dir;
  }
  return undefined;
}

function search(repository: Repository): ConfigFile | undefined {
  for (const dir of repository.foldersUp()) {
    const script = SCRIPT_PLACES.find((place) => present(path.join(dir, place)));
    if (script) throw notData(repository.show(path.join(dir, script)));
    const configs = SEARCH_PLACES.filter((place) => place !== "package.json" && present(path.join(dir, place)));
    const manifest = path.join(dir, "package.json");
    const pkg = present(manifest) ? readPackage(repository, manifest, configs.length > 0) : undefined;
    const found = pkg ? [...configs, "package.json"] : configs;
    if (found.length > 1) {
      throw new AppError("config", `several aep-gitops configs in ${dir}: ${found.join(", ")}`, {
        hint: `keep one of them (${found[0]!} is the one that would be used)`,
      });
    }
    if (found[0] === "package.json") return pkg;
    if (found[0]) return readConfig(repository, path.join(dir, found[0]), repository.show(path.join(dir, found[0])));
  }
  return undefined;
}

/** The config named on purpose: `shown` is how the command line or the Action's input names it. */
export async function readConfigFile(
  file: string,
  options: { repository: Repository; shown?: string },
): Promise<ConfigFile> {
  const shown = options.shown ?? file;
  if (isFolder(options.repository, file)) throw folderNamed(options.repository, file, shown);
  if (!DATA_EXTENSIONS.has(path.extname(file).toLowerCase())) throw notData(shown);
  const config = readConfig(options.repository, file, shown);
  if (!config) throw new AppError("config", `${shown} has no '${MODULE_NAME}' key`);
  return config;
}

/**
 * A package.json's `aep-gitops` key, or undefined without one. Beside another config it only decides
 * whether there are two, so then one that cannot be read is simply not a config (and is not read).
 */
function readPackage(repository: Repository, file: string, besideAnother: boolean): ConfigFile | undefined {
  try {
    return readConfig(repository, file, repository.show(file));
  } catch (error) {
    if (besideAnother) return undefined;
    throw error;
  }
}

/** Reads and parses a config: undefined for a package.json without the key. */
function readConfig(repository: Repository, file: string, shown: string): ConfigFile | undefined {
  repository.admit(file, shown);
  return parseConfig(file, readText(file, shown), shown);
}

/**
 * A config's text, read from somewhere else than the file system (the base branch's, from GitHub),
 * parsed as a file named `file` would be, under the same 1 MiB limit: undefined for a package.json
 * without the key.
 */
export function parseConfigText(file: string, text: string, shown = file): ConfigFile | undefined {
  const size = Buffer.byteLength(text);
  if (size > MAX_FILE_BYTES) throw tooLarge(shown, size);
  return parseConfig(file, text, shown);
}

/** A config's text, parsed: undefined for a package.json without the key. */
function parseConfig(file: string, text: string, shown: string): ConfigFile | undefined {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const error = doc.errors[0];
  if (error) {
    const { line, col } = lineCounter.linePos(error.pos[0]);
    throw new AppError("config", `${shown}:${line}:${col}: ${error.message.split("\n")[0]}`);
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (cause) {
    throw new AppError("config", `${shown}: ${(cause as Error).message}`, {
      cause,
      hint: "write the values out instead of nesting anchors and aliases",
    });
  }
  const source = new YamlSource(text, { documents: [doc], lineCounter });
  if (path.basename(file) !== "package.json") {
    // A file holding only comments is a config with all defaults, not "no config here".
    return { file, config: data ?? {}, locator: new Locator(file, source, 0) };
  }
  if (typeof data !== "object" || data === null || !(MODULE_NAME in data)) return undefined;
  const config = (data as Record<string, unknown>)[MODULE_NAME];
  return { file, config, locator: new Locator(file, source, 0, [MODULE_NAME]) };
}

/** The file's text, its size checked before it is read, and the read bounded all the same. */
function readText(file: string, shown: string): string {
  let size: number;
  try {
    const info = statSync(file);
    if (!info.isFile()) throw new AppError("config", `${shown} is not a file`);
    size = info.size;
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError("config", `config file not found: ${shown}`);
  }
  if (size > MAX_FILE_BYTES) throw tooLarge(shown, size);
  const read = readBounded(file);
  if ("error" in read) throw new AppError("config", `cannot read ${shown}: ${read.error}`);
  if ("tooLarge" in read) throw tooLarge(shown, read.tooLarge);
  const decoded = decodeUtf8(read.bytes);
  if ("error" in decoded) {
    const { line, column } = bytePosition(read.bytes, decoded.offset);
    throw new AppError("config", `${shown}:${line}:${column}: file ${decoded.error}`);
  }
  return decoded.text;
}

function tooLarge(shown: string, size: number): AppError {
  return new AppError("config", `${shown} is ${formatBytes(size)}; the tool config may be at most 1 MiB`, {
    hint: "a tool config holds a few settings: this file is not one",
  });
}

function notData(shown: string): AppError {
  return new AppError(
    "config",
    `${shown}: aep-gitops reads its config from YAML or JSON only (a config is data: no script is run)`,
    {
      hint: `write the settings as YAML in aep-gitops.config.yaml (or in ${SEARCH_PLACES.slice(1, -1).join(", ")}, or under the "${MODULE_NAME}" key of package.json)`,
    },
  );
}

/** A folder inside the repository (one that leads out is left to the refusal that names it as such). */
function isFolder(repository: Repository, file: string): boolean {
  try {
    return repository.locate(file) === "inside" && statSync(file).isDirectory();
  } catch {
    return false;
  }
}

/** A folder named where the config file is expected: say so, and which file it may have meant. */
function folderNamed(repository: Repository, folder: string, shown: string): AppError {
  const inside = SEARCH_PLACES.filter((place) => place !== "package.json" && present(path.join(folder, place)));
  const meant = inside.length === 1 ? ` (${repository.show(path.join(folder, inside[0]!))} is there)` : "";
  return new AppError("config", `'${shown}' is a folder: the tool config is a file${meant}`, {
    hint: `name the file itself, e.g. ${path.join(shown, SEARCH_PLACES[0]!)}; without a path aep-gitops looks for ${SEARCH_PLACES.slice(0, -1).join(", ")} or the "${MODULE_NAME}" key of package.json, from the working folder up to the repository root`,
  });
}

/** Is there anything (a link included, followed or not) at `file`? */
function present(file: string): boolean {
  try {
    lstatSync(file);
    return true;
  } catch {
    return false;
  }
}
