// The audiences of each sandbox, one record per audience, from which both Segmentation views are drawn:
// the segment definitions (/segment/definitions: Platform audiences only) and the Audiences API
// (/audiences: Platform and external ones). Records are replaced, never mutated.
import { createHash } from "node:crypto";
import { stableUuid } from "./ids.js";
import type { AudienceSeed, AudienceType, LifecycleState } from "./segments-seed.js";
import { isPlainObject, type SandboxInfo } from "./types.js";

export interface AudienceSandbox {
  sandboxId: string;
  sandboxName: string;
  type: "production" | "development";
  default: boolean;
}

export interface AudienceRecord {
  id: string;
  audienceId: string;
  name: string;
  description: string;
  type: AudienceType;
  originName: string;
  lifecycleState: LifecycleState;
  labels: string[];
  namespace: string;
  /** PQL text; Platform audiences only. */
  expression?: string;
  mergePolicyId?: string;
  sandbox: AudienceSandbox;
  imsOrgId: string;
  createdBy: string;
  creationTime: number;
  updateTime: number;
  /** Adobe's `_etag`, quoted like Flow Service etags. */
  etag: string;
  /** The export metrics the Audiences API shows (absent: Adobe has none for it, e.g. not evaluated yet). */
  metrics?: AudienceMetrics;
}

/** The last export job's count (segmentation.yaml, example AudiencesListWithMetrics). */
export interface AudienceMetrics {
  totalProfiles: number;
  jobId: string;
  /** Epoch ms of the job (the view's createEpoch/updateEpoch). */
  time: number;
}

const SEED_EPOCH = 1_717_200_000_000; // 2024-06-01: seeded audiences have fixed timestamps
const SEED_CREATOR = "A1B2C3D4E5F6A7B8C9D0E1F2@AdobeID";

export class AudienceStore {
  private readonly bySandbox = new Map<string, AudienceRecord[]>();

  constructor(private readonly orgId: string) {}

  seed(sandboxes: readonly SandboxInfo[], audiences: Record<string, AudienceSeed[]>): void {
    this.bySandbox.clear();
    for (const sandbox of sandboxes) {
      const seeds = audiences[sandbox.name] ?? [];
      this.bySandbox.set(
        sandbox.name,
        seeds.map((seed, i) => this.build(sandbox, seed, SEED_EPOCH + i * 86_400_000, SEED_CREATOR)),
      );
    }
  }

  /** Every audience of the sandbox (deleted ones included), in creation order. */
  list(sandbox: string): AudienceRecord[] {
    return this.bySandbox.get(sandbox) ?? [];
  }

  add(sandbox: string, record: AudienceRecord): void {
    this.bySandbox.get(sandbox)?.push(record);
  }

  /** Puts a new version of a record in its place (records are replaced, never mutated). */
  replace(sandbox: string, record: AudienceRecord): void {
    const records = this.bySandbox.get(sandbox);
    const index = records?.findIndex((r) => r.id === record.id) ?? -1;
    if (records && index >= 0) records[index] = record;
  }

  dump(): Record<string, AudienceRecord[]> {
    return Object.fromEntries(this.bySandbox);
  }

  /** Restores a dump; state files written before the Audiences API hold segment definitions instead. */
  load(dump: Record<string, unknown[]>): void {
    for (const [name, records] of Object.entries(dump)) {
      if (!this.bySandbox.has(name) || !Array.isArray(records)) continue;
      this.bySandbox.set(
        name,
        records.filter(isPlainObject).map((r) => normalize(r, this.orgId)),
      );
    }
  }

  build(
    sandbox: SandboxInfo,
    seed: AudienceSeed,
    time: number,
    createdBy: string,
    etag = seedEtag(seed.id, time),
  ): AudienceRecord {
    const type = seed.type ?? "SegmentDefinition";
    const platform = type === "SegmentDefinition";
    const record: AudienceRecord = {
      id: seed.id,
      audienceId: seed.audienceId ?? seed.id,
      name: seed.name,
      description: seed.description ?? "",
      type,
      originName: seed.originName ?? (platform ? "REAL_TIME_CUSTOMER_PROFILE" : "CUSTOM_UPLOAD"),
      lifecycleState: seed.lifecycleState ?? "active",
      labels: seed.labels ?? [],
      namespace: seed.namespace ?? (platform ? "AEPSegments" : "CustomerAudienceUpload"),
      sandbox: sandboxOf(sandbox),
      imsOrgId: this.orgId,
      createdBy,
      creationTime: time,
      updateTime: time,
      etag,
    };
    if (platform) {
      record.expression = seed.expression ?? "true";
      record.mergePolicyId = stableUuid(this.orgId, sandbox.name, "merge-policy");
    }
    if (seed.totalProfiles !== null) {
      const totalProfiles = seed.totalProfiles ?? derivedSize(seed.id);
      record.metrics = { totalProfiles, jobId: stableUuid(this.orgId, sandbox.name, `export-job/${seed.id}`), time };
    }
    return record;
  }
}

export function sandboxOf(sandbox: SandboxInfo): AudienceSandbox {
  const prod = sandbox.name === "prod";
  return { sandboxId: sandbox.id, sandboxName: sandbox.name, type: prod ? "production" : "development", default: prod };
}

/**
 * A seeded audience's size when its seed gives none: from its id, so every run shows the same figure,
 * spread over four orders of magnitude (1,000 to about 10 M) so plans show small and large ones.
 */
export function derivedSize(id: string): number {
  const n = createHash("sha1").update(`size/${id}`).digest().readUInt32BE(0);
  return Math.round(10 ** (3 + (n % 4)) * (1 + ((n >>> 8) % 9000) / 1000));
}

/** A stable etag for a seeded audience, in Adobe's `"xxxxxxxx-0000-0200-0000-<hex8>0000"` shape. */
function seedEtag(id: string, time: number): string {
  const hex = createHash("sha1").update(id).digest("hex").slice(0, 8);
  const seconds = Math.floor(time / 1000)
    .toString(16)
    .padStart(8, "0")
    .slice(-8);
  return `"${hex}-0000-0200-0000-${seconds}0000"`;
}

/** A record from a state file; a pre-Audiences segment definition becomes an active Platform audience. */
function normalize(raw: Record<string, unknown>, orgId: string): AudienceRecord {
  if (typeof raw.type === "string" && typeof raw.audienceId === "string") return raw as unknown as AudienceRecord;
  const time = Number(raw.creationTime) || SEED_EPOCH;
  const expression = isPlainObject(raw.expression) ? raw.expression.value : raw.expression;
  return {
    id: String(raw.id),
    audienceId: String(raw.id),
    name: String(raw.name ?? ""),
    description: String(raw.description ?? ""),
    type: "SegmentDefinition",
    originName: "REAL_TIME_CUSTOMER_PROFILE",
    lifecycleState:
      raw.lifecycleState === "published" || raw.lifecycleState === undefined
        ? "active"
        : (raw.lifecycleState as LifecycleState),
    labels: [],
    namespace: "AEPSegments",
    expression: typeof expression === "string" ? expression : "true",
    mergePolicyId: String(raw.mergePolicyId ?? ""),
    sandbox: raw.sandbox as AudienceSandbox,
    imsOrgId: String(raw.imsOrgId ?? orgId),
    createdBy: SEED_CREATOR,
    creationTime: time,
    updateTime: Number(raw.updateTime) || time,
    etag: seedEtag(String(raw.id), time),
  };
}
