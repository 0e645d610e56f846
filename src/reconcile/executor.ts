// Runs a reviewed SandboxPlan: changes in dependency order, independent ones concurrently (the HTTP
// layer bounds how many are in flight). A failed change skips only what depends on it; everything
// else still runs, and each item reports its own result, so applying again converges from wherever this
// one stopped.
import { AepApiError, AmbiguousWriteError } from "../aep/errors.js";
import type { FlowServicePort } from "../aep/flow-service.js";
import { parseDescription } from "../domain/plan/ownership.js";
import {
  COLLECTION,
  type ApiCall,
  type Change,
  type Collection,
  type OrphanChange,
  type SandboxPlan,
} from "../domain/plan/plan.js";
import { AppError, InterruptedError } from "../errors.js";
import { fillEnv, fillRefs } from "./credentials.js";
import type { ItemResult } from "../domain/apply/results.js";

/** What the executor runs: every change but an orphan, which is listed and never written (no calls). */
export type ExecutableChange = Exclude<Change, OrphanChange>;

export interface ExecuteOptions {
  env: Record<string, string | undefined>;
  /** Re-reads a change's object after a 412 and plans it again; undefined = nothing left to do. */
  replan(change: Change): Promise<{ change?: ExecutableChange; note: string }>;
  onItem?(result: ItemResult): void;
  /** A change's first call is about to go out (for progress: "still creating …"). */
  onItemStart?(change: Change): void;
  maxReplans?: number;
  /** Objects an earlier step of this apply already created (the lock object is the Profile connection). */
  preCreated?: ReadonlyMap<string, string>;
  /** Asked before every write; throws when writing must stop (the sandbox lock's lease was lost). */
  guard?: () => void;
}

export async function executePlan(
  plan: SandboxPlan,
  port: FlowServicePort,
  options: ExecuteOptions,
): Promise<ItemResult[]> {
  const runnable = plan.changes.filter((c): c is ExecutableChange => c.calls.length > 0);
  const ids = new Map<string, string>(options.preCreated ?? []);
  const results = new Map<string, ItemResult>();
  const running = new Map<string, Promise<void>>();

  const start = (change: ExecutableChange): Promise<void> => {
    let promise = running.get(change.ref);
    if (promise) return promise;
    promise = (async () => {
      // Wait for what this change depends on; a dependency that did not succeed skips it.
      await Promise.all(
        change.dependsOn
          .map((ref) => runnable.find((c) => c.ref === ref))
          .filter((c) => c !== undefined)
          .map(start),
      );
      const blocked = change.dependsOn.map((ref) => results.get(ref)).find((r) => r && r.status !== "done");
      const result: ItemResult = {
        ref: change.ref,
        action: change.action,
        resource: change.resource,
        name: change.name,
        credentials: change.credentials === "set" || change.credentials === "rotate" ? change.credentials : undefined,
        status: "done",
        concurrent: [],
      };
      if (ids.has(change.ref) && change.action === "create") {
        // Created earlier in this apply (see preCreated): nothing left to send, but it was created.
        result.id = ids.get(change.ref)!;
      } else if (blocked) {
        result.status = "skipped";
        result.message = `skipped: ${blocked.ref} did not succeed`;
      } else {
        try {
          options.onItemStart?.(change);
          await runChange(change, port, ids, options, result);
          if (change.action === "create" && ids.has(change.ref)) result.id = ids.get(change.ref)!;
        } catch (error) {
          // Interrupted before its first call: nothing of it was sent, the next apply does all of it.
          result.status = error instanceof InterruptedError ? "skipped" : "failed";
          result.message = (error as Error).message;
        }
      }
      results.set(change.ref, result);
      options.onItem?.(result);
    })();
    running.set(change.ref, promise);
    return promise;
  };

  await Promise.all(runnable.map(start));
  return runnable.map((c) => results.get(c.ref)!);
}

async function runChange(
  change: ExecutableChange,
  port: FlowServicePort,
  ids: Map<string, string>,
  options: ExecuteOptions,
  result: ItemResult,
): Promise<void> {
  let current: ExecutableChange | undefined = change;
  for (let attempt = 0; current; attempt++) {
    try {
      // Calls after a create or an action on the same object are guarded by the etag it answered with.
      const object = { etag: undefined as string | undefined };
      switch (current.action) {
        case "create": {
          const [create, ...after] = current.calls;
          await runCreate(current, create, port, ids, options, object);
          for (const call of after) await runFollowUp(current, call, port, ids, options, object);
          return;
        }
        case "update":
        case "rename":
        case "adopt":
        case "delete":
          for (const call of current.calls) {
            await etagFor(current, call, port, ids, object);
            await runCall(call, port, ids, options, object);
          }
          return;
      }
    } catch (error) {
      if (!(error instanceof AepApiError && error.status === 412)) throw error;
      // Someone changed the object between our read and our write (Adobe's UI, another apply).
      // Re-read it, plan it again against what is there now, and try again: bounded.
      if (attempt >= (options.maxReplans ?? 3))
        throw new AppError("adobe", `${change.ref} kept changing under us (412 ${attempt + 1} times); re-run apply`, {
          cause: error,
          requestId: error.requestId,
        });
      const replanned = await options.replan(current);
      result.concurrent.push(replanned.note);
      current = replanned.change;
    }
  }
}

/** A call with the ids created so far and the credentials filled in, as the port sends it. */
function prepare(
  call: ApiCall,
  ids: Map<string, string>,
  options: ExecuteOptions,
  object: { etag: string | undefined },
) {
  options.guard?.();
  const path = fillRefs(call.path, ids);
  const body = call.body === undefined ? undefined : fillEnv(fillRefs(call.body, ids), options.env);
  const ifMatch = call.ifMatch ?? (call.method === "PATCH" ? object.etag : undefined);
  const request = {
    query: call.query,
    body,
    // An etag may be "" (an object listed without one): no If-Match header then.
    ...(ifMatch ? { ifMatch } : {}),
  };
  return { path, body, request };
}

/** The POST that makes a change's object: never sent twice blindly, since a lost answer may hide a success. */
async function runCreate(
  change: Change,
  call: ApiCall,
  port: FlowServicePort,
  ids: Map<string, string>,
  options: ExecuteOptions,
  object: { etag: string | undefined },
): Promise<void> {
  const { path, body, request } = prepare(call, ids, options, object);
  const collection = COLLECTION[change.resource];
  let created: { id?: string; etag?: string } | undefined;
  try {
    created = (await port.call("POST", path, { ...request, create: true })) as { id?: string };
  } catch (error) {
    if (!(error instanceof AmbiguousWriteError)) throw error;
    // The create may have landed: our marker is in it, so look before sending it again.
    const found = await findOwned(port, collection, body as { name: string; description: string });
    created =
      found ?? ((await port.call("POST", path, { ...request, create: true })) as { id?: string; etag?: string });
  }
  if (!created?.id) throw new AppError("adobe", `POST ${path} answered without an id`);
  ids.set(change.ref, created.id);
  object.etag = created.etag;
}

/**
 * A call on an object this change just created (its selectors' PATCH, a disable). Adobe's create
 * answer may carry no usable etag (its tutorial shows one equal to the id, unquoted): then, or on a 412,
 * the object's etag is read and the call sent once more. It is never re-planned: the object is ours and
 * new, and a failure here fails the item, leaving what the next plan completes.
 */
async function runFollowUp(
  change: Change,
  call: ApiCall,
  port: FlowServicePort,
  ids: Map<string, string>,
  options: ExecuteOptions,
  object: { etag: string | undefined },
): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    if (call.method === "PATCH" && (attempt > 0 || !looksLikeEtag(object.etag))) {
      const fresh = await port.get(COLLECTION[change.resource], ids.get(change.ref)!);
      object.etag = typeof fresh?.etag === "string" ? fresh.etag : object.etag;
    }
    try {
      return await runCall(call, port, ids, options, object);
    } catch (error) {
      if (!(error instanceof AepApiError && error.status === 412) || attempt >= 1)
        throw new AppError(
          "adobe",
          `${change.ref} was created, but ${call.method} ${call.path} failed: ${(error as Error).message}`,
          {
            cause: error,
            hint: "Run apply again: the next plan completes the object.",
          },
        );
    }
  }
}

/**
 * A PATCH without an etag of its own (a later call on an object this change already wrote) is guarded by
 * the previous answer's etag; when that answer had none (a flow PATCH: "Look for a 202 OK response. No
 * response body is returned", streaming-destinations.md), by the object's etag as read now.
 */
async function etagFor(
  change: Change,
  call: ApiCall,
  port: FlowServicePort,
  ids: Map<string, string>,
  object: { etag: string | undefined },
): Promise<void> {
  if (call.method !== "PATCH" || call.ifMatch !== undefined || looksLikeEtag(object.etag)) return;
  const id = ids.get(change.ref) ?? change.liveId;
  if (id === undefined) return;
  const fresh = await port.get(COLLECTION[change.resource], id);
  if (typeof fresh?.etag === "string") object.etag = fresh.etag;
}

/** Adobe's etags are quoted ("\"1a00…\""); anything else (none, or the bare id) cannot guard a write. */
function looksLikeEtag(etag: string | undefined): boolean {
  return typeof etag === "string" && etag.startsWith('"');
}

async function runCall(
  call: ApiCall,
  port: FlowServicePort,
  ids: Map<string, string>,
  options: ExecuteOptions,
  object: { etag: string | undefined },
): Promise<void> {
  const { path, request } = prepare(call, ids, options, object);
  try {
    const answer = (await port.call(call.method, path, request)) as { etag?: string } | undefined;
    object.etag = answer?.etag;
  } catch (error) {
    // Already gone (a retried DELETE that landed the first time, or deleted in the UI meanwhile).
    if (call.method === "DELETE" && error instanceof AepApiError && error.status === 404) return;
    throw error;
  }
}

async function findOwned(
  port: FlowServicePort,
  collection: Collection,
  body: { name: string; description: string },
): Promise<{ id: string; etag?: string } | undefined> {
  const wanted = parseDescription(body.description).owner;
  const items = await port.list(collection, [`name==${body.name}`]);
  const mine = items.find((item) => {
    const owner = parseDescription(typeof item.description === "string" ? item.description : "").owner;
    return owner?.kind === wanted?.kind && owner?.name === wanted?.name;
  });
  if (typeof mine?.id !== "string") return undefined;
  return typeof mine.etag === "string" ? { id: mine.id, etag: mine.etag } : { id: mine.id };
}
