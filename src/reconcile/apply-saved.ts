// Applying a saved plan (`apply FILE`): exactly the changes and calls it holds, never a new plan. Before
// anything is written, and again under the sandbox lock, every live object the plan writes is read again
// (the same three list calls as a plan): one that changed, vanished or appeared since the plan was saved
// stops the apply with zero writes, naming the object and who changed it when. A 412 while applying means
// the same thing and fails that item instead of re-planning it.
import type { FlowServicePort } from "../aep/flow-service.js";
import type { Change, ResourceKind, SandboxPlan } from "../domain/plan/plan.js";
import { patchedConnection } from "../domain/plan/connection-writes.js";
import { PROFILE_CONNECTION_REF } from "../domain/plan/profile.js";
import type { SavedObject, SavedPlan } from "../domain/review/saved-plan.js";
import { AppError } from "../errors.js";
import { executePlan } from "./executor.js";
import type { ItemResult } from "../domain/apply/results.js";
import { leaseGuard, withSandboxLock, type LockOptions } from "./lock.js";
import { readLive } from "./read-live.js";
import type { MovedObject } from "../domain/apply/results.js";

export interface SavedApplyOptions {
  env: Record<string, string | undefined>;
  lock: LockOptions;
  onItem?: (sandbox: string, item: ItemResult) => void;
  onItemStart?: (sandbox: string, change: Change) => void;
  /** True once the apply was interrupted: no new write starts (those in flight finish). */
  stop?: () => boolean;
  /** Turns moved objects into the refusal a person reads (the report layer words it). */
  refuse: (moved: MovedObject[]) => AppError;
}

export async function applySavedPlan(
  saved: SavedPlan,
  ports: Map<string, FlowServicePort>,
  options: SavedApplyOptions,
): Promise<{ sandbox: string; items: ItemResult[] }[]> {
  const runnable = saved.sandboxes.filter((s) => s.changes.some((c) => c.calls.length > 0));
  // First without the lock, so a stale plan is refused without a single write (the lock's lease is one).
  const moved = (
    await Promise.all(runnable.map((s) => movedObjects(s, saved.objects[s.sandbox] ?? [], port(s))))
  ).flat();
  if (moved.length > 0) throw options.refuse(moved);

  function port(sandbox: SandboxPlan): FlowServicePort {
    const found = ports.get(sandbox.sandbox);
    if (!found)
      throw new AppError("usage", `The saved plan is for sandbox '${sandbox.sandbox}', which this run cannot reach.`);
    return found;
  }

  return Promise.all(
    saved.sandboxes.map(async (sandbox) => {
      if (!runnable.includes(sandbox)) return { sandbox: sandbox.sandbox, items: [] };
      return withSandboxLock(port(sandbox), options.lock, async (lock) => {
        // Again under the lock: no other apply can write now.
        const stale = await movedObjects(sandbox, saved.objects[sandbox.sandbox] ?? [], port(sandbox));
        if (stale.length > 0) throw options.refuse(stale);
        // Adobe refused the lock's take, a PATCH of a connection: the plan's account writes would fail too.
        const refused = lock.refusal();
        if (refused && patchedConnection(sandbox.changes) !== undefined)
          throw new AppError(
            "refused",
            `Adobe refuses PATCH of connections in sandbox '${sandbox.sandbox}' (${refused}), and the saved plan writes an account in place; nothing was changed.`,
            { hint: "Run plan again: it says what to do for each such account." },
          );
        const items = await executePlan(sandbox, port(sandbox), {
          env: options.env,
          replan: async (change) => {
            throw options.refuse([
              { sandbox: sandbox.sandbox, resource: change.resource, name: change.name, how: "changed" },
            ]);
          },
          onItem: (item) => options.onItem?.(sandbox.sandbox, item),
          onItemStart: (change) => options.onItemStart?.(sandbox.sandbox, change),
          preCreated: new Map(lock.created ? [[PROFILE_CONNECTION_REF, lock.id]] : []),
          guard: leaseGuard(lock, options.stop),
        });
        return { sandbox: sandbox.sandbox, items };
      });
    }),
  );
}

const OWNER_KIND: Partial<Record<ResourceKind, "account" | "destination">> = {
  account: "account",
  "target-connection": "destination",
  flow: "destination",
};

async function movedObjects(
  sandbox: SandboxPlan,
  objects: SavedObject[],
  port: FlowServicePort,
): Promise<MovedObject[]> {
  const live = await readLive(port, { needProfileSource: false });
  const byId = new Map([...live.flows, ...live.targetConnections, ...live.connections].map((o) => [o.id, o]));
  const moved: MovedObject[] = [];
  for (const object of objects) {
    const change = sandbox.changes.find((c) => c.ref === object.ref);
    const what = {
      sandbox: sandbox.sandbox,
      resource: change?.resource ?? "flow",
      name: change?.name ?? object.ref,
      id: object.id,
    };
    const now = byId.get(object.id);
    if (!now) moved.push({ ...what, how: "deleted" });
    else if (now.etag !== object.etag) moved.push({ ...what, how: "changed", meta: now.meta });
  }
  // A create the plan holds may have been made meanwhile (another apply): making it again would duplicate it.
  const owned = { flow: live.flows, "target-connection": live.targetConnections, account: live.connections };
  for (const change of sandbox.changes) {
    const kind = OWNER_KIND[change.resource];
    if (change.action !== "create" || !kind) continue;
    const existing = owned[change.resource as keyof typeof owned].find(
      (o) => o.owner?.kind === kind && o.owner.name === change.name,
    );
    if (existing)
      moved.push({
        sandbox: sandbox.sandbox,
        resource: change.resource,
        name: change.name,
        id: existing.id,
        how: "created",
        meta: existing.meta,
      });
  }
  return moved;
}
