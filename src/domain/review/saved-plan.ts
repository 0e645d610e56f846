// A saved plan, as Terraform has them: what `plan --out FILE` writes, `show FILE` shows and `apply FILE`
// applies exactly.
// It holds the changes with their exact calls, the etag (and last writer) of every live object each
// change was computed from, the checksum reviewers saw, and a digest of the whole content so a file
// edited after it was saved is refused. Never a secret: credentials are `${env:NAME}` references.
import { canonicalJson, sha256 } from "./canonical.js";
import { planChecksum } from "./checksum.js";
import type { LiveMeta, LiveSandbox } from "../state/live.js";
import { COLLECTION, type Collection, type Plan, type SandboxPlan } from "../plan/plan.js";

export const SAVED_PLAN_FORMAT = "aep-gitops.saved-plan/v1";

/**
 * Larger than the 1 MiB of a YAML file: a saved plan is the tool's own output, about 5 KB for each
 * destination it creates, so a first plan of a few hundred passes 1 MiB. The bound keeps a file that is
 * no plan (a log, /dev/zero) from being read whole; `plan --out` refuses to write a bigger one.
 */
export const MAX_SAVED_PLAN_BYTES = 32 * 1024 * 1024;

/** A live object a change writes, as it was when the plan was made. */
export interface SavedObject {
  ref: string;
  collection: Collection;
  id: string;
  etag: string;
  meta: LiveMeta;
}

export interface SavedPlan {
  format: typeof SAVED_PLAN_FORMAT;
  /** The aep-gitops that made it; another version may plan differently, so it refuses. */
  toolVersion: string;
  /** Where it was planned: applying it to another org or Adobe would write to objects it never read. */
  orgId: string;
  platformUrl: string;
  checksum: string;
  sandboxes: SandboxPlan[];
  /** Per sandbox, the live objects its changes write. */
  objects: Record<string, SavedObject[]>;
  /** sha256 of everything above: a file edited after it was saved is refused. */
  digest: string;
}

export function savePlan(
  plan: Plan,
  lives: LiveSandbox[],
  meta: { toolVersion: string; orgId: string; platformUrl: string },
): SavedPlan {
  const objects: Record<string, SavedObject[]> = {};
  plan.sandboxes.forEach((sandbox, i) => {
    const live = lives[i]!;
    const all = [...live.flows, ...live.targetConnections, ...live.connections];
    objects[sandbox.sandbox] = sandbox.changes.flatMap((change) => {
      if (change.liveId === undefined || change.calls.length === 0) return [];
      const object = all.find((o) => o.id === change.liveId);
      if (!object) return [];
      return [
        {
          ref: change.ref,
          collection: COLLECTION[change.resource],
          id: object.id,
          etag: object.etag,
          meta: object.meta,
        },
      ];
    });
  });
  const body = {
    format: SAVED_PLAN_FORMAT,
    toolVersion: meta.toolVersion,
    orgId: meta.orgId,
    platformUrl: meta.platformUrl,
    checksum: plan.checksum,
    // With the sample records and the picture (derived, outside the checksum): apply needs neither,
    // but `show --format markdown` shows the plan as `plan --format markdown` did.
    sandboxes: plan.sandboxes,
    objects,
  } as const;
  return { ...body, digest: digest(body) };
}

/** Why a file cannot be applied as a saved plan, or undefined when it can. */
export function savedPlanProblem(
  saved: SavedPlan,
  here: { toolVersion: string; orgId: string; platformUrl: string },
): string | undefined {
  const altered = alteredSavedPlan(saved);
  if (altered) return altered;
  if (saved.toolVersion !== here.toolVersion)
    return `it was made by aep-gitops ${saved.toolVersion}, and this is ${here.toolVersion}`;
  if (saved.orgId !== here.orgId || saved.platformUrl !== here.platformUrl)
    return `it was planned against ${saved.orgId} at ${saved.platformUrl}, not ${here.orgId} at ${here.platformUrl}`;
  return undefined;
}

/** Why a file is not the plan as it was saved (what `show` checks without knowing where it runs). */
export function alteredSavedPlan(saved: SavedPlan): string | undefined {
  if (saved.format !== SAVED_PLAN_FORMAT) return `it is not a saved plan of this format (${String(saved.format)})`;
  const { digest: stored, ...body } = saved;
  if (stored !== digest(body) || planChecksum(saved.sandboxes) !== saved.checksum)
    return "its content does not match its checksum: it was edited after it was saved";
  return undefined;
}

function digest(body: Omit<SavedPlan, "digest">): string {
  return sha256(canonicalJson(body));
}
