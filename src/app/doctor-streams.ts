// `doctor`'s look at the other end: every Kinesis stream the sandbox's YAML names, checked with its
// account's credentials the way a plan checks the ones it starts writing to (reconcile/stream-checks.ts),
// with the open shard count where the account's policy lets it be read. Event hubs are not checked yet.
import type { DesiredSandbox } from "../domain/state/desired.js";
import { RECORDS_PER_SHARD_SECOND } from "../domain/checks/stream-demand.js";
import type { DoctorCheck } from "../report/operate/doctor.js";
import { kinesisAccess, type StreamChecks } from "../reconcile/stream-checks.js";

export async function streamDoctorChecks(
  checks: StreamChecks,
  desired: DesiredSandbox,
  env: Record<string, string | undefined>,
): Promise<DoctorCheck[]> {
  const found: DoctorCheck[] = [];
  const kinesis = desired.destinations.filter((d) => d.type === "amazon-kinesis");
  if (kinesis.length > 0 && !checks.port)
    found.push({
      id: "streams",
      ok: true,
      message: `Kinesis streams were not checked: ${checks.skipped ?? "no check"}.`,
    });
  const port = checks.port;
  for (const destination of port ? kinesis : []) {
    const stream = String(destination.target.stream);
    const region = typeof destination.target.region === "string" ? destination.target.region : undefined;
    const account = desired.accounts.find((a) => a.name === destination.account);
    const access = account ? kinesisAccess(account, region ? { region } : {}, env) : { missing: "no such account" };
    const id = `stream-${destination.name}`;
    const label = `Kinesis stream '${stream}' of destination '${destination.name}'`;
    if ("missing" in access) {
      found.push({ id, ok: true, message: `${label} was not checked: ${access.missing}.` });
      continue;
    }
    const existence = await port!.exists(access, stream);
    if (existence.state === "unchecked") {
      found.push({ id, ok: true, message: `${label} was not checked: ${existence.reason}.` });
      continue;
    }
    if (existence.state === "missing") {
      found.push({
        id,
        ok: false,
        message: `${label} does not exist in region ${access.region}.`,
        hint: `Create it (aws kinesis create-stream --stream-name ${stream} --region ${access.region}), or correct the destination's target.`,
      });
      continue;
    }
    const shards = await port!.openShards(access, stream);
    const detail =
      shards.state === "open"
        ? `${shards.count} open shard${shards.count === 1 ? "" : "s"}: up to ${(shards.count * RECORDS_PER_SHARD_SECOND).toLocaleString("en-US")} records/s`
        : shards.state === "denied"
          ? "open shard count unknown: the credentials may not call kinesis:DescribeStreamSummary, which Adobe does not require"
          : `open shard count unknown: ${shards.state === "unchecked" ? shards.reason : "not found"}`;
    found.push({ id, ok: true, message: `${label} exists in ${access.region} (${detail}).` });
  }
  if (desired.destinations.some((d) => d.type === "azure-event-hubs"))
    found.push({
      id: "event-hubs",
      ok: true,
      message: "Event hubs were not checked: aep-gitops checks Kinesis streams only, for now.",
    });
  return found;
}
