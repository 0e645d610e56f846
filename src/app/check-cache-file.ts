// Where `validate --cache` keeps its checks: a folder of the user's own in the OS temp folder, one file
// per working directory. Not in the repository: a cache a repository could carry (committed on purpose,
// or in a clone) could tell validate that files it never checked are fine. The folder is checked as
// bin/code-cache.js checks its own (a directory, not a link, the user's, written by no one else).
import { createHash } from "node:crypto";
import { existsSync, lstatSync, mkdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { CheckCache } from "../config/check-cache.js";
import { packageRoot } from "./package-root.js";

export type OpenedCache = { cache: CheckCache } | { unavailable: string };

export function openCheckCache(cwd: string): OpenedCache {
  // The build's content hash names the checks that made an entry; running from source, there is none.
  const idFile = path.join(packageRoot(import.meta.url), "dist/cli/index.cjs.id");
  if (!existsSync(idFile)) return { unavailable: "this copy of aep-gitops is not built (no dist/cli/index.cjs.id)" };
  const build = readFileSync(idFile, "utf8").trim();
  const uid = typeof process.getuid === "function" ? process.getuid() : undefined;
  const folder = path.join(tmpdir(), `aep-gitops-check-cache-${uid ?? "user"}`);
  try {
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    const stat = lstatSync(folder);
    if (!stat.isDirectory() || (uid !== undefined && (stat.uid !== uid || (stat.mode & 0o022) !== 0)))
      return { unavailable: `${folder} is not a folder of this user's own` };
  } catch (error) {
    return { unavailable: `${folder}: ${(error as NodeJS.ErrnoException).code ?? String(error)}` };
  }
  const name = createHash("sha256").update(path.resolve(cwd)).digest("hex").slice(0, 16);
  return { cache: new CheckCache(path.join(folder, `${name}.v8`), build) };
}
