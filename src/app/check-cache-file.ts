// Where `validate --cache` keeps its checks: a folder of the user's own in the OS temp folder, one file
// per working directory. Not in the repository: a cache a repository could carry (committed on purpose,
// or in a clone) could tell validate that files it never checked are fine. The folder is bin/code-cache.js's
// kind (a directory, not a link, the user's, written by no one else), by its own function.
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { CheckCache } from "../config/check-cache.js";
import { packageRoot } from "./package-root.js";

export type OpenedCache = { cache: CheckCache } | { unavailable: string };

export function openCheckCache(cwd: string): OpenedCache {
  // The build's content hash names the checks that made an entry; running from source, there is none.
  const root = packageRoot(import.meta.url);
  const idFile = path.join(root, "dist/cli/index.cjs.id");
  if (!existsSync(idFile)) return { unavailable: "this copy of aep-gitops is not built (no dist/cli/index.cjs.id)" };
  const build = readFileSync(idFile, "utf8").trim();
  // The rule for a per-user cache folder is the code cache's (bin/code-cache.js, plain JavaScript that
  // runs before any bundle): one rule, kept in one place.
  const { privateFolder } = createRequire(import.meta.url)(path.join(root, "bin/code-cache.js")) as {
    privateFolder(name: string): string;
  };
  let folder: string;
  try {
    folder = privateFolder("aep-gitops-check-cache");
  } catch (error) {
    return { unavailable: (error as Error).message };
  }
  const name = createHash("sha256").update(path.resolve(cwd)).digest("hex").slice(0, 16);
  return { cache: new CheckCache(path.join(folder, `${name}.v8`), build) };
}
