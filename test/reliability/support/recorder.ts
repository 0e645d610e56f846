// Every area of the suite records what it ran and what held into one JSON file, and scans every output
// it produced (CLI stdout/stderr, plans, comments, the emulator's request log) for secret values.
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import path from "node:path";
import { SECRETS, type Lab } from "../../support/lab.js";
import { RESULTS_DIR, SCALE, SEED } from "./scale.js";

/** Every secret value the suite hands to the tool or the emulator. */
export const BASE_SECRETS = [SECRETS.KINESIS_SECRET_KEY, SECRETS.EVENTHUB_SAS_KEY, "demo-secret", "ui-secret"];
/** An access token as the emulator (and Adobe) issues them: a JWT. */
const TOKEN = /eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}/;

export interface Check {
  name: string;
  held: boolean;
  detail?: string;
}

export class Recorder {
  readonly figures: Record<string, unknown> = {};
  readonly checks: Check[] = [];
  readonly secrets = new Set(BASE_SECRETS);
  readonly scanned = { outputs: 0, bytes: 0, leaks: [] as string[] };
  private readonly started = Date.now();

  constructor(readonly area: string) {}

  addSecret(value: string): void {
    this.secrets.add(value);
  }

  /** Scans one output for every secret value and for access tokens; returns the leaks found. */
  scan(source: string, text: string): string[] {
    this.scanned.outputs++;
    this.scanned.bytes += Buffer.byteLength(text);
    const leaks = [...this.secrets].filter((s) => text.includes(s)).map((s) => `${source}: secret ${s.slice(0, 3)}…`);
    if (TOKEN.test(text)) leaks.push(`${source}: an access token`);
    this.scanned.leaks.push(...leaks);
    return leaks;
  }

  /** The emulator's request log (method, path with query, route, status, client: never a body). */
  async scanLog(lab: Lab, source: string): Promise<void> {
    this.scan(`${source} (request log)`, JSON.stringify(await lab.requests()));
  }

  set(key: string, value: unknown): void {
    this.figures[key] = value;
  }

  add(key: string, by = 1): void {
    this.figures[key] = Number(this.figures[key] ?? 0) + by;
  }

  check(name: string, held: boolean, detail?: string): boolean {
    this.checks.push({ name, held, ...(detail ? { detail } : {}) });
    return held;
  }

  save(): void {
    mkdirSync(RESULTS_DIR, { recursive: true });
    const result = {
      area: this.area,
      scale: SCALE,
      seed: SEED,
      date: new Date(this.started).toISOString(),
      durationMs: Date.now() - this.started,
      machine: {
        cpus: cpus().length,
        cpu: cpus()[0]?.model ?? "unknown",
        memoryGiB: Math.round(totalmem() / 2 ** 30),
        node: process.version,
        loadavg: loadavg().map((l) => Math.round(l * 100) / 100),
      },
      figures: this.figures,
      checks: this.checks,
      secrets: {
        outputs: this.scanned.outputs,
        bytes: this.scanned.bytes,
        secretValues: this.secrets.size,
        leaks: this.scanned.leaks,
      },
    };
    writeFileSync(path.join(RESULTS_DIR, `${this.area}.json`), `${JSON.stringify(result, null, 2)}\n`);
  }
}
