// The "Method" and "Machine" sections of bench/results.md: what each number means and where it comes from.
import { DESTINATION_TYPES } from "./accounting.js";
import type { Report } from "./results.js";

export function methodAndMachine(report: Report, lines: string[]): void {
  const { config, machine: m } = report;
  lines.push("## Method");
  lines.push("");
  for (const sc of report.scenarios) {
    const sp = sc.spec;
    lines.push(
      `- **${sp.id}**: ${sp.title}: ${sp.sandboxes.length} sandbox${sp.sandboxes.length > 1 ? "es" : ""} × ${sp.destinationsPerSandbox} destinations, ${sp.audiencesPerDestination} audiences and ${sp.attributesPerDestination} attributes each, ` +
        `${sp.audiencePool} audiences defined per sandbox, ${sp.accountsPerSandbox} Kinesis account per sandbox (assumed; the minimum uses it). ` +
        `Churn: ${sc.churn.changed} destinations get 2 audiences removed and 2 added, ${sc.churn.added} added, ${sc.churn.removed} removed (prune).` +
        (sc.converged === undefined
          ? ""
          : ` A plan after the churn was ${sc.converged ? "empty (converged)" : "NOT empty"}.`),
    );
  }
  lines.push(
    "- **The YAML** is written as users write it (bench/lib/user-files.ts, issue 26): '&', '%', accented and Japanese names, single- and double-quoted strings with tabs inside some, comments (some ending in '!'), 10 % of the files with CRLF line endings, and about a fifth of the destinations exactly as `aep-gitops import` writes them (without adoptId: the org starts empty; their marketing action comes from the tool config's default).",
  );
  lines.push(
    "- **Calls** are counted from the emulator's request log for the phase (`GET /__emulator/requests`): Flow Service calls that were answered (a 429'd attempt is counted under 429s, its successful re-send once); the per-run reads apart: `GET /connectionSpecs/{id}` and the Audiences API's pages (`GET /data/core/ups/audiences`, and look-ups by id); IMS token calls apart. Whether the audience pages followed each other (each sent after the previous one's answer, as next links make them) is read from the log's arrival times and durations.",
    "- **Minimum** (accounting.ts): no-op = ceil(flows/100) + ceil(accounts/100) + ceil(targets/100) list pages per sandbox (at least one each). First apply = 3 (empty) list pages + 2 (Profile base + source) + 1 per account + **3 per destination** (POST target connection, POST flow created empty, PATCH the flow's selectors: Adobe's documented path) per sandbox, **+ 1 per sandbox: the sandbox lock's release PATCH** (src/reconcile/lock.ts; the product's own safety cost, on its own line — the lock is taken by the POST that creates the Profile connection). Churn = list pages + 1 PATCH per changed flow + 3 per added destination + 2 per removed destination (flow + target delete) + 2 per sandbox for the lock (take and release).",
    `- **Per-run reads**, counted and bounded apart from the minimum: at most ${DESTINATION_TYPES} connection-spec GET per destination type the YAML uses, per run (one cache for all sandboxes: src/app/adobe.ts); one Profile union-schema GET per sandbox whose destinations export attributes (\`GET /data/foundation/schemaregistry/tenant/schemas/{id}\`, the attribute-path check; the emulator serves a union holding the scenario's \`_acme.bench.*\` fields); and ceil(audiences/100) Audiences API pages per sandbox (every plan resolves the audience references), plus one look-up per reference the list did not answer (none here). A no-op plan's exact allowance is therefore list pages + ${DESTINATION_TYPES} + sandboxes + Σ ceil(audiences/100); the "no-op plan" target checks each part. Applies read none of them again under the lock (only the three lists and the Profile lookups).`,
    "- **Tutorial path**: bench/tutorial-path.ts replays Adobe's streaming tutorial per destination (GET connectionSpecs, POST Profile base connection, POST source connection, POST account, POST target connection, POST flow with empty selectors, PATCH the selectors, GET the flow) against a fresh emulator with the same latency and rate limit, " +
      `${config.tutorialConcurrency} destinations at a time, with a simple client (fetch; a 429 waits its Retry-After and is sent again).`,
    "- **GET-per-resource refresh** (Terraform-style): the three lists, then one GET per flow, target connection and account. Its count is computed for every scenario and the refresh is run against the emulator where the table says so.",
    "- **Bound** = max(rate-limited calls ÷ rate, needed chain × mean latency). Rate-limited calls are the phase's answered calls of every family but IMS (Flow Service, connection specs, the union schema, audience pages: the emulator's bucket takes a token for each); the bucket's initial burst is not subtracted, so a phase of fewer calls than the burst can beat the rate term. The needed chain: first apply = token → list page → Profile-base lookup → POST Profile base → POST Profile source → POST flow → PATCH flow = 7 (one deeper than before flows were created empty; audience pages, the spec and the union run beside the lists); no-op = token → pages in sequence (2; 3 for M, whose 3 audience pages need two rounds at the least: the first page gives the total, the rest could go at once with `start`); churn = token → pages → POST target → POST flow → PATCH flow = 5 (6 for M). The lock's round trips are not in it (its writes are in the calls). The product's own chain, with the lock, the re-read under it and audience pages one after the other, is longer; it is in results.json as productChain and named where it explains a miss.",
    "- **Pacing**: the product's HTTP client paces requests after the first 429 (src/aep/pacer.ts). For the scenarios listed in the pacing table the first apply also ran with pacing off, on an emptied emulator, as a comparison (no targets are judged on it).",
    `- **CLI as a process** (process-phases.ts): after the in-process phases the emulator is reset (\`POST /__emulator/reset\`), its faults set again and the rate limit's bucket left 1.5 s to fill; the scenario's YAML is written again as before the churn, with an \`aep-gitops.config.yaml\` listing each sandbox's folder. Then \`aep-gitops validate\`, \`validate --cache\` (after one unmeasured run that fills the cache, in the bench's TMPDIR), \`apply --yes\` and \`plan --detailed-exitcode\` (exit 0 required: 2 would mean changes) run with cwd there, stdin /dev/null, stdout and stderr to files, and only PATH, HOME, NO_COLOR=1, AEP_CLIENT_ID/SECRET/ORG_ID/PLATFORM_URL/IMS_URL and the YAML's secret in the environment. The bundle is built by \`node scripts/build.mjs\` at the start of the run${report.cli ? ` (${(report.cli.buildMs / 1000).toFixed(1)} s)` : ""} and copied to a folder of the bench's own (a test run elsewhere rebuilds dist/cli). CPU and peak RSS are the child's rusage from wait4${report.cli ? `, read with ${report.cli.meter}` : ""}.`,
    "- **In-process wall** is from the first API call to the last answer of the phase (process start and YAML loading not included; loading is in the JSON as loadMs). **Planner CPU** is the pure planSandbox + assemblePlan for all sandboxes, re-run on the phase's inputs; **read+plan CPU** is the process CPU while planAll ran (list pages parsed and mapped, audiences and specs read, the planner's first run). **Peak RSS** is the phase process's maxRSS (load + read + plan (+ apply)).",
  );
  lines.push("");
  lines.push("## Machine");
  lines.push("");
  lines.push(
    `${m.cpuModel}, nproc ${m.nproc}, ${m.memoryGiB} GiB, ${m.platform}, Node ${m.node}, started ${m.date}${m.commit ? `, commit ${m.commit}` : ""}${m.commitEnd ? ` (HEAD was ${m.commitEnd} at the end; the CLI and the phase bundles were built at the start)` : ""}. ` +
      `Whole run: ${Math.round(report.totalSeconds)} s${report.estimateSeconds ? ` (everything it sends takes ${Math.round(report.estimateSeconds)} s at the rate limit; L's tutorial path alone is 8,000 calls = 400 s)` : ""}. ` +
      `Load average (1/5/15 min) at the start ${m.loadAverage.join(" / ")}${m.loadAverageEnd ? `, at the end ${m.loadAverageEnd.join(" / ")}` : ""}: other engineers' builds and tests shared the two CPUs, so CPU-bound phases (start-up, validate, the sub-second no-op plans) vary from run to run; each phase's load is in results.json.` +
      (m.uncommittedSrc
        ? ` Uncommitted changes in src/ when the run started (others' work in progress, included in what ran): ${m.uncommittedSrc.join(", ")}.`
        : ""),
  );
  lines.push("");
}
