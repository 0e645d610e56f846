// What checking each file found (file-check.ts), kept by the file's path and content for runs that check
// the same files again and again: a pre-commit hook, an editor (`validate --cache`). An entry answers only
// for the same path, the same bytes (SHA-256) and the same build of aep-gitops, whose schemas and rules
// made it; anything else is checked afresh, and so is everything when the cache file is missing, foreign
// or corrupt. Kept with V8's serializer, so a cached check is exactly the data a fresh one is (NaN, -0
// and all). Written whole, by rename, or not at all: a failed write only costs the next run its speed.
import { createHash } from "node:crypto";
import { readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { deserialize, serialize } from "node:v8";
import { fromData, toData, type FileCheck, type FileCheckData } from "./file-check.js";
import { readFileBytes } from "./yaml-file.js";

const FORMAT = "aep-gitops.check-cache/v1";
/** Enough for any repository; past it, entries this run did not see go first. */
const MAX_ENTRIES = 50_000;

interface Entry {
  sha256: string;
  check: FileCheckData;
}

interface Stored {
  format: string;
  build: string;
  entries: Array<[string, Entry]>;
}

export class CheckCache {
  private readonly stored = new Map<string, Entry>();
  private readonly seen = new Map<string, Entry>();
  private readonly digests = new Map<string, string>();
  private changed = false;

  /** `build`: what identifies the checks that made the entries (the CLI bundle's content hash). */
  constructor(
    readonly file: string,
    private readonly build: string,
  ) {
    try {
      const data = deserialize(readFileSync(file)) as Stored;
      if (data?.format === FORMAT && data.build === build && Array.isArray(data.entries))
        for (const [path, entry] of data.entries) this.stored.set(path, entry);
    } catch {
      // Missing or unreadable: every file is checked afresh, and the cache written anew.
    }
  }

  /** The check `file` had when its bytes were these, or undefined: then it is checked and `store`d. */
  lookup(file: string): FileCheck | undefined {
    const bytes = readFileBytes(file);
    if (!bytes) return undefined;
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    this.digests.set(file, sha256);
    const entry = this.stored.get(file);
    if (entry?.sha256 !== sha256) return undefined;
    this.seen.set(file, entry);
    return fromData(entry.check);
  }

  store(file: string, check: FileCheck): void {
    const sha256 = this.digests.get(file);
    // A file that could not be read is not cached: the next run reads it again.
    if (!sha256 || check.problems.some((p) => p.rule === "read-error")) return;
    this.seen.set(file, { sha256, check: toData(check) });
    this.changed = true;
  }

  save(): void {
    if (!this.changed) return;
    const entries = [...this.seen];
    for (const [path, entry] of this.stored) {
      if (entries.length >= MAX_ENTRIES) break;
      if (!this.seen.has(path)) entries.push([path, entry]);
    }
    const temporary = `${this.file}.${process.pid}.tmp`;
    try {
      writeFileSync(temporary, serialize({ format: FORMAT, build: this.build, entries } satisfies Stored), {
        mode: 0o600,
      });
      renameSync(temporary, this.file);
    } catch {
      rmSync(temporary, { force: true });
    }
  }
}
