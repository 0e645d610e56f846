// Reading what happened after a merge: the dataflow runs behind the health report, and the audit
// events behind a drift report's trails. Both are extras on top of a plan or a drift, never a reason
// for one to fail: a sandbox that refuses them (permissions, an org without the audit API), answers
// slowly or answers nothing gets one note and the rest of the report goes on.
import type { RunsPort } from "../aep/runs.js";
import { trailOf, type AuditTrails, type OwnWrites } from "../domain/operate/audit-trail.js";
import type { DesiredSandbox } from "../domain/state/desired.js";
import {
  assessHealth,
  changedRecently,
  DAY_MS,
  healthSubjects,
  expectsRuns,
  type DestinationHealth,
  type HealthInput,
  type HealthReport,
} from "../domain/operate/health.js";
import type { LiveFlow, LiveSandbox } from "../domain/state/live.js";
import type { Plan } from "../domain/plan/plan.js";
import type { DriftItem } from "../report/operate/drift.js";
import type { Adobe } from "./adobe.js";

/** How long a sandbox's dataflow runs or audit events may take before the report goes on without them. */
export const EXTRAS_BUDGET_MS = 20_000;
/** Adobe's audit query window (audit-query.yaml: "query events over the last 90 days"). */
const AUDIT_WINDOW_MS = 90 * DAY_MS;

export interface HealthScope {
  desired: DesiredSandbox;
  flows: readonly LiveFlow[];
  /** Only these destinations (by YAML name); all of the sandbox's when absent. */
  only?: ReadonlySet<string>;
}

export async function readHealth(
  adobe: Pick<Adobe, "runs" | "http">,
  scopes: readonly HealthScope[],
  budgetMs = EXTRAS_BUDGET_MS,
): Promise<HealthReport> {
  const now = adobe.http.serverNow();
  const notes: string[] = [];
  const parts = await Promise.all(
    scopes.map(async (scope) => {
      const subjects = healthSubjects(scope.desired, scope.flows).filter(
        (s) => !scope.only || scope.only.has(s.destination),
      );
      try {
        await withBudget(budgetMs, (signal) => readWindows(adobe.runs(scope.desired.sandbox), subjects, now, signal));
      } catch (error) {
        notes.push(
          refusalNote("dataflow runs", scope.desired.sandbox, error, "the health of its destinations is not shown"),
        );
        return subjects.map((s) => unknownHealth(s));
      }
      return subjects.map((s) => assessHealth(s, now));
    }),
  );
  return { at: now, destinations: parts.flat(), notes };
}

/** Fills each subject's windows: one list for the sandbox's running flows, one more for those quiet all day. */
async function readWindows(runs: RunsPort, subjects: HealthInput[], now: number, signal: AbortSignal) {
  const running = subjects.filter(expectsRuns);
  if (running.length === 0) return;
  const windows = await runs.windows(
    running.map((s) => s.flow!.id),
    now - DAY_MS,
    signal,
  );
  for (const s of running) s.windows = windows.filter((w) => w.flowId === s.flow!.id);
  // Only a flow that should have produced a window by now is worth looking further back for.
  const quiet = running.filter((s) => !s.windows.some((w) => w.completedAt !== undefined) && !changedRecently(s, now));
  if (quiet.length === 0) return;
  const latest = await runs.latest(
    quiet.map((s) => s.flow!.id),
    signal,
  );
  for (const s of quiet) {
    const earlier = latest.get(s.flow!.id);
    if (earlier) s.earlier = earlier;
  }
}

/** What is said of a destination whose dataflow runs could not be read: its state, and no verdict beyond it. */
function unknownHealth(s: HealthInput): DestinationHealth {
  const running = expectsRuns(s);
  const judged = assessHealth({ ...s, windows: [] }, 0);
  return running ? { ...judged, verdict: "unknown", reason: "its dataflow runs could not be read" } : judged;
}

export async function readTrails(
  adobe: Pick<Adobe, "audit" | "http">,
  sandboxes: readonly { sandbox: string; objects: readonly { ref: string; ids: string[] }[] }[],
  ownUsers: readonly string[],
  budgetMs = EXTRAS_BUDGET_MS,
): Promise<AuditTrails> {
  const own: OwnWrites = {
    users: ownUsers.map((u) => u.toLowerCase()),
    isOwnRequestId: (id) => adobe.http.requestIds.isOwn(id),
  };
  const since = adobe.http.serverNow() - AUDIT_WINDOW_MS;
  const byRef: Record<string, AuditTrails["byRef"][string]> = {};
  const notes: string[] = [];
  await Promise.all(
    sandboxes.map(async ({ sandbox, objects }) => {
      const ids = [...new Set(objects.flatMap((o) => o.ids))];
      if (ids.length === 0) return;
      try {
        const events = await withBudget(budgetMs, (signal) => adobe.audit(sandbox).events(ids, since, signal));
        for (const o of objects) byRef[`${sandbox}:${o.ref}`] = trailOf(events, o.ids, own);
      } catch (error) {
        notes.push(
          refusalNote(
            "audit log",
            sandbox,
            error,
            "who changed what is not shown (it needs the View User Activity Log permission); the drift itself is",
          ),
        );
      }
    }),
  );
  return { byRef, notes };
}

/** Runs `read` with an abort signal that fires after the budget: a slow answer ends as a note, not a hang. */
async function withBudget<T>(budgetMs: number, read: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const signal = AbortSignal.timeout(budgetMs);
  return read(signal);
}

function refusalNote(what: string, sandbox: string, error: unknown, consequence: string): string {
  const reason =
    error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")
      ? `no answer within ${EXTRAS_BUDGET_MS / 1000} s`
      : error instanceof Error
        ? error.message
        : String(error);
  return `Could not read the ${what} of sandbox ${sandbox} (${reason}): ${consequence}.`;
}

/** The audit identities of the tool config (`audit.self`), when it names any. */
export interface DriftExtrasOptions {
  health: boolean;
  audit: boolean;
  ownUsers: readonly string[];
}

/**
 * What a drift report carries beside the diff: the health of every destination the YAML manages (from
 * the flows the plan already read: no flow is read twice) and the audit trail of each drifted object.
 */
export async function driftExtras(
  adobe: Pick<Adobe, "runs" | "audit" | "http">,
  planned: { plan: Plan; lives: readonly LiveSandbox[]; resolved: readonly DesiredSandbox[] },
  items: readonly DriftItem[],
  options: DriftExtrasOptions,
): Promise<{ health?: HealthReport; trails?: AuditTrails }> {
  const [health, trails] = await Promise.all([
    options.health
      ? readHealth(
          adobe,
          planned.resolved.map((desired) => ({
            desired,
            flows: planned.lives.find((l) => l.sandbox === desired.sandbox)?.flows ?? [],
          })),
        )
      : undefined,
    options.audit ? readTrails(adobe, trailObjects(planned.plan, items), options.ownUsers) : undefined,
  ]);
  return { health, trails };
}

/** Each drifted object that exists in Adobe, with its id: what the audit log is asked about. */
function trailObjects(plan: Plan, items: readonly DriftItem[]) {
  return plan.sandboxes.map((s) => ({
    sandbox: s.sandbox,
    objects: items
      .filter((i) => i.sandbox === s.sandbox && i.kind !== "missing")
      .flatMap((i) => {
        const change = s.changes.find((c) => c.ref === i.ref);
        return change?.liveId ? [{ ref: i.ref, ids: [change.liveId] }] : [];
      }),
  }));
}

/**
 * The health of the destinations a plan changes (not the ones it creates: they have no dataflow runs yet), for
 * the plan comment: a reviewer sees that a flow is failing before widening it.
 */
export async function planHealth(
  adobe: Pick<Adobe, "runs" | "http">,
  planned: { plan: Plan; lives: readonly LiveSandbox[]; resolved: readonly DesiredSandbox[] },
): Promise<HealthReport | undefined> {
  const scopes = planned.resolved.flatMap((desired) => {
    const changes = planned.plan.sandboxes.find((s) => s.sandbox === desired.sandbox)?.changes ?? [];
    const touched = new Set(changes.filter((c) => c.action !== "create").map((c) => c.name));
    const only = new Set(
      desired.destinations.filter((d) => touched.has(d.name) || touched.has(d.account)).map((d) => d.name),
    );
    const flows = planned.lives.find((l) => l.sandbox === desired.sandbox)?.flows ?? [];
    return only.size > 0 ? [{ desired, flows, only }] : [];
  });
  if (scopes.length === 0) return undefined;
  return readHealth(adobe, scopes);
}
