// Benchmark of the Flow Service emulator: 10,000 stored flows (seeded through the API), then a bounded
// realistic mix: list pages with the isDestinationFlow filter (and the pages after them), GET by id, PATCH
// with If-Match. The emulator runs in a child process (this file with --serve), the load generator here,
// both on loopback. Two phases: one client in a closed loop (the targets, ≥ 500 req/s with p99 < 5 ms,
// apply to it: a tool talks to Adobe with little concurrency), then 8 concurrent clients (saturation
// throughput, where latency is mostly queueing). Run `npm run bench:emulator` (or
// `npx tsx bench/emulator-bench.ts`) and commit the refreshed results. BENCH_CHILD_ARGS passes extra node
// flags to the emulator process (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof").
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { Agent, request } from "node:http";
import { cpus, loadavg, platform, release, totalmem } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { startEmulator } from "../src/emulator/index.js";
import { markdown, pool, random, round, stats } from "./lib/emulator-report.js";

const FLOWS = 10_000;
const REQUESTS = 20_000;
const WARMUP = 2_000;
const SATURATION_CONCURRENCY = 8;
const TARGET_RPS = 500;
const TARGET_P99_MS = 5;
const ORG = "DEMOORG0000000000000000@AdobeOrg";
const FLOW = "/data/foundation/flowservice";
const FILTER = "property=inheritedAttributes.properties.isDestinationFlow==true&property=state==enabled&limit=20";
const HERE = path.dirname(fileURLToPath(import.meta.url));

interface Reply {
  status: number;
  body: string;
}

const agent = new Agent({ keepAlive: true, maxSockets: SATURATION_CONCURRENCY });
let base = "";
let headers: Record<string, string> = {};

function send(
  method: string,
  pathAndQuery: string,
  body?: unknown,
  extra: Record<string, string> = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = request(
      `${base}${pathAndQuery}`,
      { method, agent, headers: { ...headers, ...(payload ? { "content-type": "application/json" } : {}), ...extra } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
      },
    );
    req.on("error", reject);
    req.end(payload);
  });
}

async function created(path: string, body: unknown): Promise<{ id: string; etag: string }> {
  const reply = await send("POST", `${FLOW}${path}`, body);
  if (reply.status !== 201) throw new Error(`POST ${path}: ${reply.status} ${reply.body}`);
  return JSON.parse(reply.body) as { id: string; etag: string };
}

async function seed(): Promise<Map<string, string>> {
  const ups = { id: "8a9c3494-9708-43d7-ae3f-cda01e5030e1", version: "1.0" };
  const kinesis = { id: "86043421-563b-46ec-8e6c-e23184711bf6", version: "1.0" };
  const baseConnection = await created("/connections", { name: "UPS", connectionSpec: ups });
  const source = await created("/sourceConnections", {
    name: "UPS source",
    connectionSpec: ups,
    baseConnectionId: baseConnection.id,
    data: { format: "json" },
  });
  const targets: string[] = [];
  for (let i = 0; i < 20; i += 1) {
    const auth = {
      specName: "Aws Kinesis authentication credentials",
      params: { accessKeyId: `AKIA${i}`, secretKey: "secret", region: "us-east-1" },
    };
    const account = await created("/connections", { name: `Kinesis ${i}`, connectionSpec: kinesis, auth });
    targets.push(
      (
        await created("/targetConnections", {
          name: `Stream ${i}`,
          baseConnectionId: account.id,
          connectionSpec: kinesis,
          data: { format: "json" },
          params: { stream: `stream-${i}`, region: "us-east-1" },
        })
      ).id,
    );
  }
  const etags = new Map<string, string>();
  const next = random(7);
  await pool(SATURATION_CONCURRENCY, FLOWS, async (i) => {
    const audiences = Array.from({ length: 3 + Math.floor(next() * 8) }, (_, k) => ({
      type: "PLATFORM_SEGMENT",
      value: { id: `aud-${(i + k) % 500}`, name: `Audience ${k}` },
    }));
    const attributes = ["personalEmail.address", "person.name.firstName", "homeAddress.city"].map((p) => ({
      type: "JSON_PATH",
      value: { path: p, operator: "EXISTS" },
    }));
    const flow = await created("/flows", {
      name: `destination-${i}`,
      description: "bench",
      flowSpec: { id: "71471eba-b620-49e4-90fd-23f1fa0174d8", version: "1.0" },
      sourceConnectionIds: [source.id],
      targetConnectionIds: [targets[i % targets.length]],
      transformations: [
        {
          name: "GeneralTransform",
          params: { profileSelectors: { selectors: attributes }, segmentSelectors: { selectors: audiences } },
        },
      ],
    });
    etags.set(flow.id, flow.etag);
    if (i % 10 === 0) {
      const action = await send("POST", `${FLOW}/flows/${flow.id}/action?op=disable`);
      etags.set(flow.id, (JSON.parse(action.body) as { etag: string }).etag);
    }
  });
  return etags;
}

type Kind = "list" | "next page" | "get" | "patch";

async function run(
  count: number,
  etags: Map<string, string>,
  seedValue: number,
  concurrency: number,
): Promise<{ samples: Record<Kind, number[]>; wallMs: number; errors: number }> {
  const ids = [...etags.keys()];
  const next = random(seedValue);
  const samples: Record<Kind, number[]> = { list: [], "next page": [], get: [], patch: [] };
  let errors = 0;
  let nextHref: string | undefined;
  const started = performance.now();
  await pool(concurrency, count, async () => {
    const draw = next();
    const id = ids[Math.floor(next() * ids.length)]!;
    let kind: Kind;
    let call: () => Promise<Reply>;
    if (draw < 0.35) {
      kind = "list";
      call = () => send("GET", `${FLOW}/flows?${FILTER}`);
    } else if (draw < 0.6) {
      kind = "next page";
      const href = nextHref;
      call = () => send("GET", href ? `${FLOW}${href}` : `${FLOW}/flows?${FILTER}`);
    } else if (draw < 0.9) {
      kind = "get";
      call = () => send("GET", `${FLOW}/flows/${id}`);
    } else {
      kind = "patch";
      const ops = [
        {
          op: "add",
          path: "/transformations/0/params/segmentSelectors/selectors/-",
          value: { type: "PLATFORM_SEGMENT", value: { id: `aud-${Math.floor(next() * 500)}` } },
        },
      ];
      call = () => send("PATCH", `${FLOW}/flows/${id}`, ops, { "if-match": etags.get(id)! });
    }
    const t0 = performance.now();
    const reply = await call();
    samples[kind].push(performance.now() - t0);
    if (reply.status !== 200) errors += 1;
    else if (kind === "patch") etags.set(id, (JSON.parse(reply.body) as { etag: string }).etag);
    else if (kind !== "get")
      nextHref = (JSON.parse(reply.body) as { _links: { next?: { href: string } } })._links.next?.href;
  });
  return { samples, wallMs: performance.now() - started, errors };
}

async function main(): Promise<void> {
  const child = spawn(
    process.execPath,
    [
      ...process.execArgv,
      ...(process.env.BENCH_CHILD_ARGS?.split(" ").filter(Boolean) ?? []),
      fileURLToPath(import.meta.url),
      "--serve",
    ],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  base = await new Promise<string>((resolve) => createInterface({ input: child.stdout! }).once("line", resolve));
  const token = await send(
    "POST",
    `/ims/token/v3?grant_type=client_credentials&client_id=demo-client&client_secret=demo-secret`,
  );
  headers = {
    authorization: `Bearer ${(JSON.parse(token.body) as { access_token: string }).access_token}`,
    "x-api-key": "demo-client",
    "x-gw-ims-org-id": ORG,
    "x-sandbox-name": "prod",
  };

  const seedStarted = performance.now();
  const etags = await seed();
  const seedMs = performance.now() - seedStarted;
  const count = JSON.parse((await send("GET", `${FLOW}/flows?count=true`)).body) as { count: number };
  await run(WARMUP, etags, 1, 1);
  const load = loadavg()[0]!;
  const phases = [
    { name: "one client", concurrency: 1, ...(await run(REQUESTS, etags, 2, 1)) },
    {
      name: `${SATURATION_CONCURRENCY} concurrent clients`,
      concurrency: SATURATION_CONCURRENCY,
      ...(await run(REQUESTS, etags, 3, SATURATION_CONCURRENCY)),
    },
  ].map((phase) => {
    const all = Object.values(phase.samples).flat();
    return {
      name: phase.name,
      concurrency: phase.concurrency,
      throughputRps: Math.round((all.length / phase.wallMs) * 1000),
      wallSeconds: round(phase.wallMs / 1000),
      errors: phase.errors,
      latencyMs: {
        overall: stats(all),
        ...Object.fromEntries(Object.entries(phase.samples).map(([kind, values]) => [kind, stats(values)])),
      },
    };
  });
  child.kill("SIGTERM");

  const target = phases[0]!;
  const pass =
    target.throughputRps >= TARGET_RPS &&
    target.latencyMs.overall.p99 < TARGET_P99_MS &&
    phases.every((p) => p.errors === 0);
  const results = {
    date: new Date().toISOString(),
    node: process.version,
    machine: {
      cpu: cpus()[0]?.model ?? "unknown",
      cores: cpus().length,
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      os: `${platform()} ${release()}`,
      loadAverage1m: round(load),
    },
    setup: {
      flowsStored: count.count,
      seedSeconds: round(seedMs / 1000),
      warmupRequests: WARMUP,
      requestsPerPhase: REQUESTS,
      mix: "35% list (isDestinationFlow & state filter, limit 20), 25% next page via _links.next.href, 30% GET by id, 10% PATCH add audience with If-Match",
    },
    targets: { phase: target.name, minRps: TARGET_RPS, maxP99Ms: TARGET_P99_MS },
    phases,
    pass,
  };
  writeFileSync(path.join(HERE, "emulator-results.json"), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(path.join(HERE, "emulator-results.md"), markdown(results));
  for (const phase of phases) {
    const o = phase.latencyMs.overall;
    console.log(
      `${phase.name}: ${phase.throughputRps} req/s, p50 ${o.p50} ms, p99 ${o.p99} ms, ${phase.errors} errors over ${o.count} requests on ${count.count} flows`,
    );
  }
  console.log(pass ? "PASS" : "FAIL");
  agent.destroy();
  process.exitCode = pass ? 0 : 1;
}

// Entry point, last so every module-level binding above is initialized.
if (process.argv.includes("--serve")) {
  // The PATCH answer carries the next etag (update tutorial's {id, etag}), as in the recorded runs.
  const emulator = await startEmulator({ port: 0, config: { flowPatchResponse: "etag" } });
  console.log(emulator.url);
  process.on("SIGTERM", () => void emulator.close().then(() => process.exit(0)));
} else {
  await main();
}
