// Adobe's verdict on what a plan starts exporting, asked before any write: for each destination whose
// egress gains audiences or attributes (or starts again), its marketing actions are evaluated against its
// audiences' labels and, through their merge policies' datasets, its attributes (domain/checks/adobe-verdict.ts).
// Calls per sandbox: one GET per distinct merge policy of the destinations with attributes, then one
// POST /bulk-eval per 100 jobs; nothing when no destination to judge declares a marketing action. A
// sandbox that refuses (403/404, a 5xx after the retries, the 20 s budget) yields a reason, never a
// failed plan: the plan says it once.
import { AepApiError, NetworkError } from "../aep/errors.js";
import { PolicyEvaluationError, type PolicyPort } from "../aep/policies.js";
import { judgement, verdictProblems } from "../domain/checks/adobe-verdict.js";
import type { DesiredSandbox } from "../domain/state/desired.js";
import {
  actionsFor,
  destinationsToJudge,
  undeclaredNote,
  type MarketingActionDefaults,
} from "../domain/checks/marketing-actions.js";
import type { SandboxPlan } from "../domain/plan/plan.js";
import type { Problem } from "../domain/checks/problem.js";

export type { MarketingActionDefaults, PolicyPort };

export const VERDICT_BUDGET_MS = 20_000;

export interface Verdict {
  problems: Problem[];
  notes: string[];
  /** Why Adobe's verdict could not be read (the plan says it once, whichever sandbox). */
  refused?: string;
}

export async function readVerdict(
  port: PolicyPort,
  plan: SandboxPlan,
  desired: DesiredSandbox,
  defaults: MarketingActionDefaults | undefined,
  budgetMs = VERDICT_BUDGET_MS,
): Promise<Verdict> {
  const judged = destinationsToJudge(plan, desired).map((destination) => ({
    destination,
    actions: actionsFor(destination, defaults),
  }));
  const undeclared = judged.filter((j) => j.actions === undefined).map((j) => j.destination.name);
  const notes = undeclared.length > 0 ? [undeclaredNote(desired.sandbox, undeclared)] : [];
  const asked = judged.flatMap((j) => (j.actions?.length ? [{ destination: j.destination, actions: j.actions }] : []));
  if (asked.length === 0) return { problems: [], notes };
  const signal = AbortSignal.timeout(budgetMs);
  try {
    const ids = [
      ...new Set(
        asked
          .filter((a) => a.destination.profileAttributes.length > 0)
          .flatMap((a) => a.destination.audiences.flatMap((au) => (au.mergePolicyId ? [au.mergePolicyId] : []))),
      ),
    ].sort();
    const read = await Promise.all(ids.map(async (id) => [id, await port.mergePolicy(id, signal)] as const));
    const datasets = new Map(read.flatMap(([id, m]) => ("datasets" in m ? [[id, m.datasets] as const] : [])));
    const unlisted = read.filter(([, m]) => !("datasets" in m)).map(([id]) => id);
    if (unlisted.length > 0)
      notes.push(
        `Merge policy ${unlisted.join(", ")} of sandbox '${desired.sandbox}' orders datasets by timestamp and lists none, so exported attributes were judged only where another merge policy lists its datasets.`,
      );
    const judgedJobs = judgement(asked, datasets);
    if (judgedJobs.jobs.length === 0) return { problems: [], notes };
    const answers = await port.evaluate(judgedJobs.jobs, signal);
    return { problems: verdictProblems(judgedJobs, answers), notes };
  } catch (error) {
    const reason = refusal(error);
    if (reason === undefined) throw error;
    return { problems: [], notes, refused: `${reason} in sandbox '${desired.sandbox}'` };
  }
}

/** A refusal the plan degrades on, in words; undefined for anything else (a bug, which must surface). */
function refusal(error: unknown): string | undefined {
  if (error instanceof AepApiError) return `${error.method} ${error.path} answered ${error.status}`;
  if (error instanceof NetworkError || error instanceof PolicyEvaluationError) return error.message;
  if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError"))
    return `no answer within ${VERDICT_BUDGET_MS / 1000} s`;
  return undefined;
}

/** The one note of a plan whose sandbox refused Adobe's verdict. */
export function refusedNote(reason: string): string {
  return `Adobe's data-usage policies were not evaluated (${reason}): the plan did not check its marketing actions against Adobe's policies. The client needs the Data Governance (Manage/View Data Usage Policies) and Profile merge policy permissions.`;
}

/**
 * Every sandbox's verdict, read side by side: the problems, and each plan with its notes (the refusal said
 * once for the plan, naming every sandbox that refused).
 */
export async function withVerdicts(
  sandboxes: readonly { policies?: PolicyPort }[],
  plans: SandboxPlan[],
  desired: readonly DesiredSandbox[],
  defaults: MarketingActionDefaults | undefined,
): Promise<{ plans: SandboxPlan[]; problems: Problem[] }> {
  const verdicts = await Promise.all(
    plans.map((plan, i) => {
      const port = sandboxes[i]?.policies;

      return port ? readVerdict(port, plan, desired[i]!, defaults) : undefined;
    }),
  );
  const refused = verdicts.flatMap((v) => (v?.refused ? [v.refused] : []));
  const first = verdicts.findIndex((v) => v?.refused);
  return {
    plans: plans.map((plan, i) => {
      const notes = [
        ...(verdicts[i]?.notes ?? []).map((message) => ({ level: "info" as const, message })),
        ...(i === first ? [{ level: "warning" as const, message: refusedNote(refused.join("; ")) }] : []),
      ];
      return notes.length > 0 ? { ...plan, notes: [...plan.notes, ...notes] } : plan;
    }),
    problems: verdicts.flatMap((v) => v?.problems ?? []),
  };
}
