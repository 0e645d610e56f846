// The one orchestrator behind plan, apply and drift, for the CLI and the Action alike:
// read live (list calls only) → plan (pure) → check the reviewed checksum → execute → report results.
import type { FlowServicePort } from "../aep/flow-service.js";
import { toConnection, toFlow, toTargetConnection } from "../aep/mapping.js";
import { withAdobeNames } from "../domain/review/audience-names.js";
import { sizesOf, targetNames, withAudienceSizes } from "../domain/review/audience-sizes.js";
import { resolveAudiences } from "../domain/checks/audiences.js";
import { specProblems } from "../domain/checks/connection-spec.js";
import type { DesiredSandbox } from "../domain/state/desired.js";
import type { Problem } from "../domain/checks/problem.js";
import type { AudiencePort } from "../aep/audiences.js";
import type { ConnectionSpecPort } from "../aep/connection-specs.js";
import type { SchemaRegistryPort } from "../aep/schema-registry.js";
import { policyProblems, type Policy } from "../domain/checks/policies.js";
import { checkAttributePaths, type UnionIndex } from "../domain/state/union-schema.js";
import { egressMap } from "../domain/review/egress-map.js";
import { samplePairs } from "../domain/review/preview-changes.js";
import { hasErrors } from "../domain/checks/problems.js";
import type { LiveSandbox } from "../domain/state/live.js";
import { COLLECTION, type Change, type Plan, type SandboxPlan } from "../domain/plan/plan.js";
import type { PlanOptions } from "../domain/plan/context.js";
import { planChecksum } from "../domain/review/checksum.js";
import { assemblePlan, planSandbox } from "../domain/plan/planner.js";
import { PROFILE_CONNECTION_REF } from "../domain/plan/profile.js";
import { AppError } from "../errors.js";
import { executePlan } from "./executor.js";
import type { ItemResult } from "../domain/apply/results.js";
import { planKnowingConnectionPatch } from "./connection-patch.js";
import { fingerprints } from "./credentials.js";
import { DEFAULT_LOCK, leaseGuard, withSandboxLock, type LockOptions } from "./lock.js";
import { namesForPlan, readAudiences } from "./read-audiences.js";
import { readSpecs } from "./read-specs.js";
import { readUnion } from "./read-union.js";
import { readLive } from "./read-live.js";
import { withVerdicts, type MarketingActionDefaults, type PolicyPort } from "./read-verdict.js";
import { secretProblems, type SecretsMode } from "./secrets-needed.js";
import { withStreamChecks, type StreamChecks } from "./stream-checks.js";

export interface SandboxInputs {
  desired: DesiredSandbox;
  port: FlowServicePort;
  /** Where audience references are checked; without it, references are taken as written. */
  audiences?: AudiencePort;
  /** Where credentials and target params are checked against the sandbox's connection specs. */
  specs?: ConnectionSpecPort;
  /** Where profile attribute paths are checked against the sandbox's Profile union schema. */
  schemas?: SchemaRegistryPort;
  /** Where Adobe's data-usage policies judge what starts leaving (reconcile/read-verdict.ts). */
  policies?: PolicyPort;
}

export type ReconcileOptions = Omit<PlanOptions, "fingerprints"> & {
  env: Record<string, string | undefined>;
  /** `optional`: a plan made without the destination secrets warns about them instead of failing. */
  secrets?: SecretsMode;
  /** The data policies; those that need the sandbox (audience labels, origins) are checked here. */
  policies?: readonly Policy[];
  /** Where the streams the plan writes to are checked, with the secrets: a missing one stops the command before any write. */
  streams?: StreamChecks;
  /** The tool config's marketing actions of destinations whose YAML declares none. */
  marketingActions?: MarketingActionDefaults;
  /**
   * A plan for review (the markdown of a pull request's comment): each sandbox's plan then carries the
   * sample records and the egress picture that only that rendering shows. Other plans skip them: in a
   * large apply they cost CPU and held on to memory for nothing (bench/results.md, "In-process phases").
   */
  review?: boolean;
};

export interface PlanResult {
  plan: Plan;
  lives: LiveSandbox[];
  /** The desired state as planned: audience names resolved to this sandbox's ids. */
  resolved: DesiredSandbox[];
  /** Problems found against the live sandbox (unknown or ambiguous audiences), at file:line:col. */
  problems: Problem[];
  /** Each sandbox's Profile union, when a destination exports attributes and Adobe showed it. */
  unions: (UnionIndex | undefined)[];
}

export async function planAll(sandboxes: SandboxInputs[], options: ReconcileOptions): Promise<PlanResult> {
  const read = await Promise.all(
    sandboxes.map(async ({ desired, port, audiences, specs, schemas }) => {
      const [live, known, checked, union] = await Promise.all([
        readLive(port, { needProfileSource: desired.destinations.length > 0 }),
        audiences ? readAudiences(audiences, desired) : undefined,
        specs ? readSpecs(specs, desired) : undefined,
        schemas ? readUnion(schemas, desired) : undefined,
      ]);
      const resolved = known ? resolveAudiences(desired, known.known) : { desired, problems: [] };
      return {
        live,
        union: union?.index,
        audienceNames: new Map((known?.known ?? []).map((a) => [a.id, a.name])) as ReadonlyMap<string, string>,
        audienceSizes: sizesOf(known?.known ?? []) as ReadonlyMap<string, number>,
        namesRead: known !== undefined,
        notes: [...(known?.note ? [known.note] : []), ...(checked?.notes ?? []), ...(union?.note ? [union.note] : [])],
        desired: resolved.desired,
        problems: [
          ...(checked ? specProblems(desired, checked.specs) : []),
          ...resolved.problems,
          ...(union?.index ? checkAttributePaths(desired, union.index) : []),
          ...policyProblems(resolved.desired, options.policies ?? [], "live"),
        ],
      };
    }),
  );
  const problems = read.flatMap((r) => r.problems);
  const resolved = read.map((r) => r.desired);
  const lives = read.map((r) => r.live);
  const unions = read.map((r) => r.union);
  if (hasErrors(problems)) {
    return { plan: assemblePlan([]), lives, resolved, problems, unions };
  }
  const planned = await Promise.all(
    resolved.map(async (desired, i) => {
      const planned = await planKnowingConnectionPatch(
        sandboxes[i]!.port,
        desired,
        lives[i]!,
        planOptions(desired, options),
      );
      // Adobe's name and size next to every audience shown (outside the checksum, which binds audiences
      // by id); read now when the YAML names none, yet the plan shows some.
      const { union, namesRead, audienceNames: listed, audienceSizes: sized } = read[i]!;
      const audiencePort = sandboxes[i]!.audiences;
      const { names: audienceNames, sizes } =
        namesRead || !audiencePort
          ? { names: listed, sizes: sized }
          : await namesForPlan(audiencePort, planned, listed, sized);
      const plan = withAudienceSizes(withAdobeNames(planned, audienceNames), sizes, targetNames(desired, lives[i]!));
      const notes = read[i]!.notes.map((message) => ({ level: "warning" as const, message }));
      // The PR comment's sample records and picture: derived from the plan, outside its checksum.
      return {
        ...plan,
        ...(notes.length > 0 ? { notes: [...plan.notes, ...notes] } : {}),
        ...(options.review
          ? {
              samples: samplePairs(plan, desired, lives[i], { union, audienceNames }),
              egressMap: egressMap(plan, desired, lives[i]),
            }
          : {}),
      };
    }),
  );
  // Adobe's own verdict on what starts leaving, before any write (and before secrets are resolved).
  const verdict = await withVerdicts(sandboxes, planned, resolved, options.marketingActions);
  if (hasErrors(verdict.problems))
    return { plan: assemblePlan([]), lives, resolved, problems: [...problems, ...verdict.problems], unions };
  const sandboxPlans = verdict.plans;
  const secrets = sandboxPlans.flatMap((plan, i) =>
    secretProblems(plan, resolved[i]!, options.env, options.secrets ?? "required"),
  );
  const streams = await withStreamChecks(options, sandboxPlans, resolved, secrets);
  return { plan: assemblePlan(streams.plans), lives, resolved, problems: [...problems, ...streams.problems], unions };
}

function planOptions(desired: DesiredSandbox, options: ReconcileOptions): PlanOptions {
  const { env: _env, secrets: _secrets, policies: _policies, review: _review, ...rest } = options;
  return { ...rest, fingerprints: fingerprints(desired.accounts, options.env) };
}

export interface ApplyResult extends PlanResult {
  results: { sandbox: string; items: ItemResult[] }[];
}

export type ApplyOptions = ReconcileOptions & {
  expectChecksum?: string;
  onItem?: (sandbox: string, item: ItemResult) => void;
  onItemStart?: (sandbox: string, change: Change) => void;
  /** Live state changed between the shown plan and the read under the lock: this is what runs. */
  onReplanned?: (plan: SandboxPlan) => void;
  lock?: LockOptions;
  /** True once the command was interrupted: no new write starts (those in flight finish). */
  stop?: () => boolean;
};

/**
 * Executes a plan made from a fresh read (never a stored one: what runs is what is true now), after
 * its safety rails and the reviewed checksum have been checked.
 */
export async function applyAll(
  sandboxes: SandboxInputs[],
  planned: PlanResult,
  options: ApplyOptions,
): Promise<ApplyResult> {
  if (hasErrors(planned.problems)) {
    throw new AppError("config", "The plan found problems in the YAML (listed above); nothing was changed.", {
      hint: "Fix the problems listed above.",
    });
  }
  const refusals = planned.plan.sandboxes.flatMap((s) => s.refusals.map((r) => ({ ...r, sandbox: s.sandbox })));
  if (refusals.length > 0) {
    throw new AppError("refused", refusals.map((r) => `[${r.sandbox}] ${r.message}`).join("\n"), {
      hint: [...new Set(refusals.map((r) => r.hint))].join("\n"),
    });
  }
  if (options.expectChecksum && options.expectChecksum !== planned.plan.checksum) {
    throw new AppError(
      "refused",
      `The plan changed since it was reviewed: expected checksum ${options.expectChecksum}, the fresh plan has ${planned.plan.checksum}.`,
      {
        hint: "Run plan again and review the new plan (live state or YAML changed meanwhile), or apply without --expect-checksum.",
      },
    );
  }
  const results = await Promise.all(
    planned.plan.sandboxes.map(async (shown, i) => {
      if (!shown.changes.some((c) => c.calls.length > 0)) return { sandbox: shown.sandbox, items: [] };
      const { port } = sandboxes[i]!;
      const desired = planned.resolved[i]!;
      return withSandboxLock(port, options.lock ?? DEFAULT_LOCK, async (lock) => {
        // Read again under the lock: no other apply can write now, so what runs is what is true.
        const live = await readLive(port, { needProfileSource: desired.destinations.length > 0 });
        if (lock.created) {
          // This apply just created the Profile connection as the lock: plan as if it were not there,
          // so the plan matches the reviewed one, and let the executor fill in its id.
          delete live.profileBase;
        }
        // Adobe refused the lock's take (PATCH of connections is off): no account write can land either.
        const refused = lock.refusal();
        if (refused) live.connectionPatchRefused = refused;
        const sandboxPlan = planSandbox(desired, live, planOptions(desired, options));
        // A refusal first: what it says is the reason, whether or not the plan is the reviewed one.
        if (sandboxPlan.refusals.length > 0) {
          throw new AppError("refused", sandboxPlan.refusals.map((r) => `[${shown.sandbox}] ${r.message}`).join("\n"), {
            hint: sandboxPlan.refusals[0]!.hint,
          });
        }
        if (planChecksum([sandboxPlan]) !== planChecksum([shown])) {
          if (options.expectChecksum) {
            throw new AppError(
              "refused",
              `Sandbox '${shown.sandbox}' changed while this apply waited for its lock; the fresh plan is not the reviewed one.`,
              {
                hint: "Run plan again and review the new plan.",
              },
            );
          }
          options.onReplanned?.(sandboxPlan);
        }
        const items = await executePlan(sandboxPlan, port, {
          env: options.env,
          replan: (change) => replanChange(change, desired, live, port, planOptions(desired, options)),
          onItem: (item) => options.onItem?.(sandboxPlan.sandbox, item),
          onItemStart: (change) => options.onItemStart?.(sandboxPlan.sandbox, change),
          preCreated: new Map(lock.created ? [[PROFILE_CONNECTION_REF, lock.id]] : []),
          guard: leaseGuard(lock, options.stop),
        });
        return { sandbox: sandboxPlan.sandbox, items };
      });
    }),
  );
  return { ...planned, results };
}

/** After a 412: read the one object again, plan against it, and say what we found. */
async function replanChange(
  change: Change,
  desired: DesiredSandbox,
  live: LiveSandbox,
  port: FlowServicePort,
  options: PlanOptions,
) {
  const id = change.liveId;
  if (!id) return { note: `${change.ref}: conflict on a new object; left for the next apply` };
  const collection = COLLECTION[change.resource];
  const fresh = await port.get(collection, id);
  const next: LiveSandbox = {
    ...live,
    flows: live.flows.filter((f) => f.id !== id),
    targetConnections: live.targetConnections.filter((t) => t.id !== id),
    connections: live.connections.filter((c) => c.id !== id),
  };
  let who = "someone";
  if (fresh) {
    if (collection === "flows") next.flows.push(toFlow(fresh));
    else if (collection === "targetConnections") next.targetConnections.push(toTargetConnection(fresh));
    else next.connections.push(toConnection(fresh));
    const by = typeof fresh.updatedBy === "string" ? fresh.updatedBy : undefined;
    const client = typeof fresh.updatedClient === "string" ? fresh.updatedClient : undefined;
    const at = typeof fresh.updatedAt === "number" ? new Date(fresh.updatedAt).toISOString() : undefined;
    who = `${by ?? "someone"}${client ? ` (${client})` : ""}${at ? ` at ${at}` : ""}`;
  }
  // Update the shared view too, so later conflicts start from what we now know.
  Object.assign(live, next);
  const replanned = planSandbox(desired, next, options).changes.find((c) => c.ref === change.ref);
  const outcome = replanned
    ? `re-planned against the new version (${replanned.calls.length} call${replanned.calls.length === 1 ? "" : "s"})`
    : "it already matches the YAML";
  return {
    // An orphan has nothing to run (and a change the YAML still names cannot become one).
    change: fresh && replanned?.action !== "orphan" ? replanned : undefined,
    note: fresh
      ? `${change.ref} was changed concurrently by ${who}; ${outcome}`
      : `${change.ref} was deleted concurrently; it will be recreated by the next apply`,
  };
}
