// A saved plan, as Terraform has them: what `plan --out FILE` writes and `apply FILE` applies exactly.
// It holds the changes with their exact calls, the etag (and last writer) of every live object each
// change was computed from, the checksum reviewers saw, and a digest of the whole content so a file
// edited after it was saved is refused. Never a secret: credentials are `${env:NAME}` references.
import { canonicalJson, sha256 } from "./canonical.js";
import { planChecksum } from "./checksum.js";
import type { LiveMeta, LiveSandbox } from "./live.js";
import { COLLECTION, type Collection, type Plan, type SandboxPlan } from "./plan.js";

export const SAVED_PLAN_FORMAT = "aep-gitops.saved-plan/v1";

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
    // The sample records and the picture are for reviewers of a comment; apply needs neither.
    sandboxes: plan.sandboxes.map(({ samples: _samples, egressMap: _map, ...sandbox }) => sandbox),
    objects,
  } as const;
  return { ...body, digest: digest(body) };
}

/** Why a file cannot be applied as a saved plan, or undefined when it can. */
export function savedPlanProblem(
  saved: SavedPlan,
  here: { toolVersion: string; orgId: string; platformUrl: string },
): string | undefined {
  if (saved.format !== SAVED_PLAN_FORMAT) return `it is not a saved plan of this format (${String(saved.format)})`;
  const { digest: stored, ...body } = saved;
  if (stored !== digest(body) || planChecksum(saved.sandboxes) !== saved.checksum)
    return "its content does not match its checksum: it was edited after it was saved";
  if (saved.toolVersion !== here.toolVersion)
    return `it was made by aep-gitops ${saved.toolVersion}, and this is ${here.toolVersion}`;
  if (saved.orgId !== here.orgId || saved.platformUrl !== here.platformUrl)
    return `it was planned against ${saved.orgId} at ${saved.platformUrl}, not ${here.orgId} at ${here.platformUrl}`;
  return undefined;
}

function digest(body: Omit<SavedPlan, "digest">): string {
  return sha256(canonicalJson(body));
}
