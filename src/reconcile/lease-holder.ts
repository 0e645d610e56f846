// Who holds the sandbox lock: a second line next to the lease, `[aep-gitops holder: host=… pid=…
// pidns=… started=… ttl=… url=…]`, so a waiting apply (and a person reading the description in Adobe's UI) can tell
// a live apply from a dead one, and `aep-gitops unlock` can release the latter. The lease line itself is
// unchanged, so older versions still read the lease. Every value is inert text: a host name keeps only
// [A-Za-z0-9.-], the URL only a workflow run URL's shape; whatever else is found there is dropped.

/** Where this process runs: given by the app layer (host name, process id, a workflow run's URL). */
export interface LockHolder {
  host: string;
  pid: number;
  /** Linux's PID namespace of the process: a pid means something only inside its namespace. */
  pidns?: string;
  url?: string;
}

/** A holder as written in a lease: where it runs, when it took the lock, and its lease's length. */
export interface LeaseHolder extends Partial<LockHolder> {
  /** When the holder took the lock (epoch ms, the lock's clock). */
  started?: number;
  /** The holder's lease length in seconds: it renews every third of it. */
  ttl?: number;
}

export interface Lease {
  run: string;
  /** The end of the lease (epoch ms, the lock's clock). */
  until: number;
  holder?: LeaseHolder;
}

const HOLDER = /\[aep-gitops holder:((?: [a-z]+=[^\s\]]+)*)\]/;
const HOST = /^[A-Za-z0-9.-]{1,253}$/;
const URL_SHAPE = /^https?:\/\/[A-Za-z0-9.-]+(?::\d{1,5})?\/[A-Za-z0-9._-]+\/[A-Za-z0-9._-]+\/actions\/runs\/\d+$/;
const NUMBER = /^\d{1,16}$/;

/** A host name as a lease may carry it: [A-Za-z0-9.-] only, at most 253 characters ("unknown" if none). */
export function sanitizeHost(name: string): string {
  return name.replace(/[^A-Za-z0-9.-]/g, "").slice(0, 253) || "unknown";
}

/** The URL of a GitHub Actions workflow run, from the runner's variables; undefined outside Actions or if odd. */
export function workflowRunUrl(env: Record<string, string | undefined>): string | undefined {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repository, GITHUB_RUN_ID: id } = env;
  if (!server || !repository || !id) return undefined;
  const url = `${server.replace(/\/+$/, "")}/${repository}/actions/runs/${id}`;
  return URL_SHAPE.test(url) ? url : undefined;
}

export function formatHolder(holder: LeaseHolder): string {
  const fields: string[] = [];
  if (holder.host !== undefined) fields.push(`host=${sanitizeHost(holder.host)}`);
  if (holder.pid !== undefined) fields.push(`pid=${Math.trunc(holder.pid)}`);
  if (holder.pidns !== undefined && NUMBER.test(holder.pidns)) fields.push(`pidns=${holder.pidns}`);
  if (holder.started !== undefined) fields.push(`started=${Math.floor(holder.started)}`);
  if (holder.ttl !== undefined) fields.push(`ttl=${Math.ceil(holder.ttl)}`);
  if (holder.url !== undefined && URL_SHAPE.test(holder.url)) fields.push(`url=${holder.url}`);
  return `[aep-gitops holder:${fields.map((f) => ` ${f}`).join("")}]`;
}

/** The holder line of a description, if any; values that are not of their shape are left out. */
export function readHolder(text: string): LeaseHolder | undefined {
  const match = HOLDER.exec(text);
  if (!match) return undefined;
  const holder: LeaseHolder = {};
  for (const pair of match[1]!.trim().split(" ").filter(Boolean)) {
    const [key, value = ""] = pair.split(/=(.*)/s);
    if (key === "host" && HOST.test(value)) holder.host = value;
    else if (key === "pid" && NUMBER.test(value)) holder.pid = Number(value);
    else if (key === "pidns" && NUMBER.test(value)) holder.pidns = value;
    else if (key === "started" && NUMBER.test(value)) holder.started = Number(value);
    else if (key === "ttl" && NUMBER.test(value)) holder.ttl = Number(value);
    else if (key === "url" && URL_SHAPE.test(value)) holder.url = value;
  }
  return holder;
}

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

/**
 * Who holds the lease, in words: `run 3f2a… on host runner-7 (pid 4242, https://…/actions/runs/9), took
 * the lock at 2025-01-01T10:00:00Z, lease until 2025-01-01T10:02:00Z`. An older version writes no holder.
 */
export function describeLease(lease: Lease): string {
  const { holder } = lease;
  const where = [
    holder?.pid !== undefined ? `pid ${holder.pid}` : undefined,
    holder?.url ? holder.url : undefined,
  ].filter(Boolean);
  const host = holder?.host ? ` on host ${holder.host}${where.length ? ` (${where.join(", ")})` : ""}` : "";
  const who = holder ? host : " (no holder recorded: an older aep-gitops)";
  const started = holder?.started !== undefined ? `, took the lock at ${iso(holder.started)}` : "";
  return `run ${lease.run}${who}${started}, lease until ${iso(lease.until)}`;
}
