// Every request the real CLI sends to Flow Service, checked against the REQUEST side of Adobe's OpenAPI
// specs: the CLI bundle runs as a child process against the emulator through a recording proxy, over a
// whole lifecycle (validate, plan, apply, updates, prune, drift, import, the repository's examples). The
// only exceptions are the allow-list's contradictions between Adobe's specs and Adobe's own examples.
import { cpSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { specDir, specsAvailable } from "../emulator/helpers/openapi.js";
import {
  KINESIS_SPEC,
  MEN_OVER_50,
  PROD_AUDIENCES,
  SECRETS,
  kinesisAccount,
  kinesisDestination,
  startLab,
  type Lab,
} from "../support/lab.js";
import { REQUEST_ALLOW_LIST } from "./allow-list.js";
import { startRecordingProxy, type RecordingProxy } from "./recording-proxy.js";
import { RequestValidator, type Verdict } from "./request-validator.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const EXAMPLE_SECRETS = {
  KINESIS_MARKETING_ACCESS_KEY_ID: "AKIAIOSFODNN7EXAMPLE",
  KINESIS_MARKETING_SECRET_KEY: "example-secret-Kq93",
  EVENT_HUBS_ANALYTICS_SAS_KEY: "example-sas-Jw28",
};
const IMPORT_SECRETS = {
  MARKETING_AWS_ACCESS_KEY_ID: "AKIAIOSFODNN7EXAMPLE",
  MARKETING_AWS_SECRET_KEY: "ui-typed-Zp4",
};
const KINDS = ["GET list", "POST create", "PATCH", "DELETE", "POST action"] as const;

if (!specsAvailable)
  console.warn(
    `[request contract] Adobe's OpenAPI specs not found in ${specDir}; set AEP_OPENAPI_DIR to run the request contract checks.`,
  );

describe.skipIf(!specsAvailable)("the requests the CLI sends to Flow Service", () => {
  let lab: Lab;
  let proxy: RecordingProxy;
  let verdicts: Verdict[] = [];
  beforeAll(async () => {
    lab = await startLab();
    proxy = await startRecordingProxy(lab.url);
  });
  afterAll(async () => {
    await proxy?.close();
    await lab?.close();
  });

  /** The CLI with Flow Service (and the other Platform APIs) behind the proxy; IMS stays direct. */
  const run = async (args: string[], expected: number, env: Record<string, string> = {}) => {
    const result = await lab.cli(args, { env: { AEP_PLATFORM_URL: proxy.url, ...env } });
    expect(result.code, `aep-gitops ${args.join(" ")}\n${result.stdout}${result.stderr}`).toBe(expected);
  };

  it("runs validate, plan, apply, updates, prune, drift, import and the examples through the proxy", async () => {
    lab.write("destinations/account.yaml", kinesisAccount());
    lab.write("destinations/summer.yaml", kinesisDestination("summer-campaign"));
    lab.write("destinations/winter.yaml", kinesisDestination("winter", { audiences: PROD_AUDIENCES.slice(1, 4) }));
    await run(["validate"], 0);
    await run(["plan", "--detailed-exitcode"], 2);
    await run(["apply", "--yes"], 0); // Profile connection (with the lock) and source, account, targets, flows
    await run(["plan", "--detailed-exitcode"], 0);

    // Audiences and attributes both added and removed, and a new description: one PATCH of the flow.
    const winter = { audiences: [PROD_AUDIENCES[3]!, PROD_AUDIENCES[5]!], description: "New text" };
    const attributes = ["personalEmail.address", "mobilePhone.number"];
    lab.write("destinations/winter.yaml", kinesisDestination("winter", { ...winter, attributes }));
    await run(["apply", "--yes", "--force"], 0);
    lab.write("destinations/summer.yaml", kinesisDestination("summer-campaign", { stream: "renamed-stream" }));
    await run(["apply", "--yes", "--force"], 0);
    lab.write("destinations/summer.yaml", kinesisDestination("summer-campaign", { state: "disabled" }));
    await run(["apply", "--yes", "--force"], 0);
    lab.remove("destinations/winter.yaml");
    await run(["apply", "--yes", "--prune", "--force"], 0);

    const summer = (await lab.ui("GET", "/flows?property=name==summer-campaign")).body.items[0];
    const added = { type: "JSON_PATH", value: { path: "mobilePhone.number" } };
    const selectors = "/transformations/0/params/profileSelectors/selectors/-";
    const edit = await lab.uiPatchFlow(summer.id, [{ op: "add", path: selectors, value: added }]);
    expect(edit.status).toBe(202);
    await run(["drift"], 2);

    await clickTogether(lab);
    await run(["import", "--sandbox", "prod", "--out", "imported"], 0, IMPORT_SECRETS);
    cpSync(path.join(ROOT, "examples/destinations"), path.join(lab.dir, "examples"), { recursive: true });
    await run(["apply", "examples", "--sandbox", "prod", "--yes"], 0, EXAMPLE_SECRETS);

    const validator = new RequestValidator(REQUEST_ALLOW_LIST);
    verdicts = proxy.requests.map((request) => validator.check(request));
    const outside = verdicts.filter((v) => v.scope === "not-covered");
    console.info(
      `[request contract] ${verdicts.length - outside.length} Flow Service requests checked; ` +
        `${outside.length} not covered by the specs in ../shared/specs:\n${countBy(outside, (v) => apiOf(v.request.path))}`,
    );
  }, 240_000);

  it("sends no request that Adobe's specs forbid, outside the allow-list", () => {
    expect(verdicts.length, "requests recorded by the lifecycle run").toBeGreaterThan(20);
    const violations = verdicts.filter((v) => !v.valid);
    if (violations.length) console.error(`[request contract] violations:\n${violations.map(explain).join("\n")}`);
    const signatures = [
      ...new Set(violations.flatMap((v) => v.failures.map((f) => `${f.spec} ${f.operation} ${f.check} ${f.keyword}`))),
    ];
    expect(signatures, `${violations.length} requests violate the specs (printed above)`).toEqual([]);
  });

  it("needs every allow-list entry at least once, so none outlives its cause", () => {
    const used = new Set(verdicts.flatMap((v) => v.allowed));
    const unused = REQUEST_ALLOW_LIST.filter((entry) => !used.has(entry)).map((entry) => entry.reason);
    expect(unused).toEqual([]);
  });

  it("checks at least one request of each kind the client makes", () => {
    const checked = verdicts.filter((v) => v.scope === "checked");
    const counts = Object.fromEntries(KINDS.map((kind) => [kind, checked.filter((v) => v.kind === kind).length]));
    for (const kind of KINDS) expect(counts[kind], `${kind} requests checked`).toBeGreaterThan(0);
  });

  it("keeps no secret in the recording: no Authorization value, no credential", () => {
    expect(proxy.requests.length).toBeGreaterThan(0);
    expect(proxy.requests.every((r) => r.authorization && !("authorization" in r.headers))).toBe(true);
    const recording = JSON.stringify(proxy.requests);
    for (const secret of [
      ...Object.values(SECRETS),
      EXAMPLE_SECRETS.KINESIS_MARKETING_SECRET_KEY,
      EXAMPLE_SECRETS.EVENT_HUBS_ANALYTICS_SAS_KEY,
      "demo-secret",
      "Bearer ",
    ])
      expect(recording).not.toContain(secret);
  });
});

/** A destination clicked together in Adobe's UI (see test/cli/import.test.ts), for import to find. */
async function clickTogether(l: Lab): Promise<void> {
  const source = await l.uiProfileSource();
  const account = await l.uiKinesisAccount("Marketing AWS", IMPORT_SECRETS.MARKETING_AWS_SECRET_KEY, "eu-west-1");
  const target = await l.uiCreate("/targetConnections", {
    name: "UI target",
    baseConnectionId: account,
    connectionSpec: KINESIS_SPEC,
    data: { format: "json" },
    params: { stream: "eu-summer", region: "eu-west-1" },
  });
  await l.uiCreate("/flows", {
    name: "Made in the UI",
    flowSpec: { id: "71471eba-b620-49e4-90fd-23f1fa0174d8", version: "1.0" },
    sourceConnectionIds: [source],
    targetConnectionIds: [target],
    transformations: [
      {
        name: "GeneralTransform",
        params: {
          profileSelectors: { selectors: [{ type: "JSON_PATH", value: { path: "person.lastName" } }] },
          segmentSelectors: { selectors: [{ type: "PLATFORM_SEGMENT", value: { id: MEN_OVER_50 } }] },
        },
      },
    ],
  });
}

/** One violation: the request, every failing check of every spec, and the start of the body. */
function explain(v: Verdict): string {
  const r = v.request;
  const query = new URLSearchParams(
    Object.entries(r.query).flatMap(([k, vs]) => vs.map((x): [string, string] => [k, x])),
  ).toString();
  const lines = [`#${r.seq} ${r.method} ${r.path}${query ? `?${query}` : ""} → ${r.status}`];
  const seen = new Set<string>();
  for (const f of v.failures) {
    const line = `    ${f.spec} ${f.operation} · ${f.check}${f.instancePath} ${f.keyword}: ${f.message}`;
    if (!seen.has(line)) lines.push(line);
    seen.add(line);
  }
  if (r.body !== undefined) lines.push(`    body: ${JSON.stringify(r.body).slice(0, 300)}`);
  return lines.join("\n");
}

const apiOf = (p: string) => p.split("/").slice(0, 4).join("/");

function countBy(verdicts: Verdict[], key: (v: Verdict) => string): string {
  const counts = new Map<string, number>();
  for (const v of verdicts)
    counts.set(`${v.request.method} ${key(v)}`, (counts.get(`${v.request.method} ${key(v)}`) ?? 0) + 1);
  return [...counts].map(([k, n]) => `    ${n} × ${k}…`).join("\n");
}
