// The streams a plan writes to, checked with the account's own credentials before anything is applied
// (only where the command has them: apply, a plan with --secrets required, doctor). A stream that does not
// exist is an error at its YAML line; a backfill its open shards cannot take within Adobe's hour is a
// warning; whatever could not be checked (a credential not set, AWS unreachable, a shard count the
// policy hides) is a note, never a failed command.
import type { KinesisAccess, StreamPort } from "../aep/kinesis.js";
import type { DesiredAccount, DesiredSandbox } from "../domain/state/desired.js";
import type { SandboxPlan } from "../domain/plan/plan.js";
import type { Problem } from "../domain/checks/problem.js";
import { hasErrors } from "../domain/checks/problems.js";
import { capacityWarning, missingStream, streamDemands, type StreamDemand } from "../domain/checks/stream-demand.js";

export interface StreamChecks {
  port?: StreamPort;
  /** Why no stream is checked in this command (an emulated Adobe without a local Kinesis): said once. */
  skipped?: string;
}

export interface StreamFindings {
  problems: Problem[];
  /** Per sandbox, in the order of the plans given. */
  notes: string[][];
}

const EVENT_HUBS_NOTE =
  "Event hubs were not checked: aep-gitops checks Kinesis streams only, until its tests can start a local Event Hubs.";

/**
 * The plans with the checks' notes, and every problem so far: the secrets' (given: without the secrets
 * no stream can be checked, and their errors stop the command as they did) and the streams'. A plan made
 * without the secrets (--secrets optional) checks nothing. Any error leaves no plan to apply.
 */
export async function withStreamChecks(
  options: { streams?: StreamChecks; secrets?: "required" | "optional"; env: Record<string, string | undefined> },
  plans: SandboxPlan[],
  desired: DesiredSandbox[],
  earlier: Problem[],
): Promise<{ plans: SandboxPlan[]; problems: Problem[] }> {
  if (hasErrors(earlier)) return { plans: [], problems: earlier };
  if (!options.streams || (options.secrets ?? "required") !== "required") return { plans, problems: earlier };
  const found = await checkStreams(options.streams, plans, desired, options.env);
  const problems = [...earlier, ...found.problems];
  if (hasErrors(problems)) return { plans: [], problems };
  return {
    plans: plans.map((plan, i) => {
      const notes = found.notes[i]!.map((message) => ({ level: "warning" as const, message }));
      return notes.length > 0 ? { ...plan, notes: [...plan.notes, ...notes] } : plan;
    }),
    problems,
  };
}

export async function checkStreams(
  checks: StreamChecks,
  plans: SandboxPlan[],
  desired: DesiredSandbox[],
  env: Record<string, string | undefined>,
): Promise<StreamFindings> {
  const problems: Problem[] = [];
  const notes: string[][] = plans.map(() => []);
  let saidEventHubs = false;
  let saidSkipped = false;
  for (const [i, plan] of plans.entries()) {
    const sandbox = desired[i]!;
    const demands = streamDemands(plan, sandbox);
    if (!saidEventHubs && writesToEventHubs(plan, sandbox)) {
      notes[i]!.push(EVENT_HUBS_NOTE);
      saidEventHubs = true;
    }
    if (demands.length === 0) continue;
    if (!checks.port) {
      if (!saidSkipped && checks.skipped) notes[i]!.push(`Kinesis streams were not checked: ${checks.skipped}.`);
      saidSkipped = true;
      continue;
    }
    const port = checks.port;
    const found = await Promise.all(demands.map((demand) => checkDemand(port, demand, sandbox, env)));
    for (const finding of found) {
      problems.push(...finding.problems);
      notes[i]!.push(...finding.notes);
    }
  }
  return { problems, notes };
}

async function checkDemand(
  port: StreamPort,
  demand: StreamDemand,
  sandbox: DesiredSandbox,
  env: Record<string, string | undefined>,
): Promise<{ problems: Problem[]; notes: string[] }> {
  const account = sandbox.accounts.find((a) => a.name === demand.destinations[0]!.account);
  const access = account ? kinesisAccess(account, demand, env) : { missing: "its account is not declared" };
  const label = `Kinesis stream '${demand.stream}'${"region" in access ? ` (${access.region})` : demand.region ? ` (${demand.region})` : ""}`;
  if ("missing" in access) return { problems: [], notes: [`${label} was not checked: ${access.missing}.`] };
  if (demand.mustExist) {
    const existence = await port.exists(access, demand.stream);
    if (existence.state === "missing") return { problems: [missingStream(demand, access.region)], notes: [] };
    if (existence.state === "unchecked")
      return { problems: [], notes: [`${label} was not checked: ${existence.reason}.`] };
  }
  const unknown =
    demand.unknownSizes > 0
      ? [
          `${demand.unknownSizes} audience${demand.unknownSizes === 1 ? "" : "s"} added for ${label} ${demand.unknownSizes === 1 ? "is" : "are"} of unknown size (Adobe gave no profile count) and ${demand.unknownSizes === 1 ? "was" : "were"} not weighed against its shards.`,
        ]
      : [];
  // The shard count is read only when there is a backfill to weigh against it: one call fewer otherwise.
  if (demand.profiles === 0) return { problems: [], notes: unknown };
  const shards = await port.openShards(access, demand.stream);
  switch (shards.state) {
    case "open": {
      const warning = capacityWarning(demand, access.region, shards.count);
      return { problems: warning ? [warning] : [], notes: warning ? [] : unknown };
    }
    case "missing":
      return { problems: [missingStream(demand, access.region)], notes: [] };
    case "denied":
      return {
        problems: [],
        notes: [
          `The open shard count of ${label} is unknown: the account's credentials may not call kinesis:DescribeStreamSummary (Adobe requires only ListStreams, PutRecord and PutRecords), so its backfill was not weighed.`,
          ...unknown,
        ],
      };
    case "unchecked":
      return { problems: [], notes: [`The capacity of ${label} was not checked: ${shards.reason}.`, ...unknown] };
  }
}

/** The credentials as sent to AWS, from the YAML's literals and `${env:NAME}` references. */
export function kinesisAccess(
  account: DesiredAccount,
  demand: Pick<StreamDemand, "region">,
  env: Record<string, string | undefined>,
): KinesisAccess | { missing: string } {
  const missing: string[] = [];
  const value = (field: string): string => {
    const written = account.credentials[field];
    const resolved = !written ? undefined : "literal" in written ? written.literal : env[written.env];
    if (!resolved)
      missing.push(
        written && "env" in written
          ? `${written.env} is not set in this run's environment`
          : `account '${account.name}' has no ${field}`,
      );
    return resolved ?? "";
  };
  const access = {
    region: demand.region ?? value("region"),
    accessKeyId: value("accessKeyId"),
    secretAccessKey: value("secretKey"),
  };
  return missing.length > 0 ? { missing: missing.join("; ") } : access;
}

/** An event hub the plan creates, re-points or adds audiences to: what a Kinesis stream would be checked for. */
function writesToEventHubs(plan: SandboxPlan, sandbox: DesiredSandbox): boolean {
  const hubs = new Set(sandbox.destinations.filter((d) => d.type === "azure-event-hubs").map((d) => d.name));
  return (
    plan.changes.some(
      (c) =>
        c.resource === "target-connection" &&
        hubs.has(c.name) &&
        (c.action === "create" || c.fields.some((f) => f.field.startsWith("params."))),
    ) || plan.egress.some((e) => hubs.has(e.destination) && e.audiencesAdded.length > 0)
  );
}
