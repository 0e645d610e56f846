// --state FILE: the store is loaded at start (when the file exists) and saved after mutations, debounced
// and atomically (write a temp file, then rename), with a final flush on close, so a demo survives restarts.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { mkdir, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import type { IssuedToken } from "./ims.js";
import type { AudienceRecord } from "./audience-store.js";
import type { OperationsDump } from "./operations.js";
import type { StoreDump } from "./store.js";

export interface PersistedState {
  format: "aep-gitops-emulator-state";
  version: 1;
  orgId: string;
  store: StoreDump;
  /** The audiences of each sandbox (the key predates the Audiences API; older files hold segment definitions). */
  segments: Record<string, AudienceRecord[]>;
  tokens: [string, IssuedToken][];
  /** Flow activity, scripted runs, audit events and the clock's advance (absent in older files). */
  operations?: OperationsDump;
}

export const SAVE_DELAY_MS = 25;

export function readState(file: string): PersistedState | undefined {
  if (!existsSync(file)) return undefined;
  const parsed = JSON.parse(readFileSync(file, "utf8")) as PersistedState;
  if (parsed.format !== "aep-gitops-emulator-state" || parsed.version !== 1)
    throw new Error(`${file} is not an aep-gitops emulator state file`);
  return parsed;
}

export class Persistence {
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();
  private dirty = false;
  private failure: Error | undefined;

  constructor(
    private readonly file: string,
    private readonly snapshot: () => PersistedState,
  ) {}

  /** Notes a mutation; the save happens shortly after, once per burst. */
  schedule(): void {
    this.dirty = true;
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.save();
    }, SAVE_DELAY_MS);
    this.timer.unref();
  }

  /** Writes any pending change now and waits for it. */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    await this.save();
    if (this.failure) throw this.failure;
  }

  /**
   * Writes the state now, synchronously: for a process that must end at once (a second Ctrl-C), so
   * every write the emulator acknowledged is on disk before it goes.
   */
  saveNow(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const temp = `${this.file}.${process.pid}.now.tmp`;
    mkdirSync(path.dirname(path.resolve(this.file)), { recursive: true });
    writeFileSync(temp, JSON.stringify(this.snapshot()), "utf8");
    renameSync(temp, this.file);
    this.dirty = false;
  }

  private save(): Promise<void> {
    this.writing = this.writing.then(async () => {
      if (!this.dirty) return;
      this.dirty = false;
      try {
        const text = JSON.stringify(this.snapshot());
        const temp = `${this.file}.${process.pid}.tmp`;
        await mkdir(path.dirname(path.resolve(this.file)), { recursive: true });
        await writeFile(temp, text, "utf8");
        await rename(temp, this.file);
        this.failure = undefined;
      } catch (error) {
        // Kept for flush() to report; the next mutation retries the save.
        this.failure = error as Error;
        this.dirty = true;
      }
    });
    return this.writing;
  }
}
