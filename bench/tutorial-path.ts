// Adobe's streaming-destination tutorial, replayed per destination with a deliberately simple client
// (fetch, one IMS token, a 429 waits its Retry-After and is sent again): the baseline for what a
// hand-written script following the documentation costs (flow-service-notes.md §5):
//
//   1 GET  /connectionSpecs            find the Kinesis spec
//   2 POST /connections                Profile (UPS) base connection
//   3 POST /sourceConnections          Profile source connection
//   4 POST /connections                the Kinesis account
//   5 POST /targetConnections          the stream
//   6 POST /flows                      empty selectors
//   7 PATCH /flows/{id}                add the audiences and attributes (If-Match)
//   8 GET  /flows/{id}                 check the result
//
// Used by bench/run.ts; also runnable on its own against an in-process emulator:
//   npx tsx bench/tutorial-path.ts [--destinations 10] [--concurrency 4] [--latency 80] [--jitter 20] [--rate 20]
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { DESTINATION_FLOW_SPEC_ID, PROFILE_CONNECTION_SPEC_ID, SPEC_VERSION } from "../src/domain/state/adobe.js";
import { destinationType } from "../src/domain/destination-types/index.js";

const FLOW_SERVICE = "/data/foundation/flowservice";
const KINESIS = destinationType("amazon-kinesis");

export interface TutorialDestination {
  sandbox: string;
  name: string;
  audiences: { id: string; name: string }[];
  attributes: string[];
}

export interface TutorialOptions {
  url: string;
  clientId: string;
  clientSecret: string;
  orgId: string;
  /** Destinations replayed at once (each one's eight steps are sequential). */
  concurrency: number;
  /** Gives up on a call after this many 429s in a row (keeps the run bounded). */
  maxRetries?: number;
}

export interface TutorialResult {
  destinations: number;
  calls: number;
  byKind: Record<string, number>;
  throttled: number;
  imsCalls: number;
  wallMs: number;
  failed: number;
  firstError?: string;
}

export async function runTutorialPath(
  destinations: TutorialDestination[],
  options: TutorialOptions,
): Promise<TutorialResult> {
  const result: TutorialResult = {
    destinations: destinations.length,
    calls: 0,
    byKind: {},
    throttled: 0,
    imsCalls: 0,
    wallMs: 0,
    failed: 0,
  };
  const started = performance.now();
  const token = await fetchToken(options);
  result.imsCalls = 1;

  const call = async (
    sandbox: string,
    method: string,
    path: string,
    body?: unknown,
    ifMatch?: string,
  ): Promise<Record<string, unknown>> => {
    for (let attempt = 0; ; attempt++) {
      const headers: Record<string, string> = {
        authorization: `Bearer ${token}`,
        "x-api-key": options.clientId,
        "x-gw-ims-org-id": options.orgId,
        "x-sandbox-name": sandbox,
        accept: "application/json",
      };
      if (body !== undefined) headers["content-type"] = "application/json";
      if (ifMatch) headers["if-match"] = ifMatch;
      const response = await fetch(`${options.url}${FLOW_SERVICE}${path}`, {
        method,
        headers,
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      const text = await response.text();
      if (response.status === 429 && attempt < (options.maxRetries ?? 50)) {
        result.throttled++;
        const seconds = Number(response.headers.get("retry-after") ?? "1");
        await new Promise((resolve) => setTimeout(resolve, (Number.isFinite(seconds) ? seconds : 1) * 1000));
        continue;
      }
      result.calls++;
      const kind = `${method} ${path.replace(/\/[0-9a-f-]{36}/g, "/{id}").replace(/\?.*$/, "")}`;
      result.byKind[kind] = (result.byKind[kind] ?? 0) + 1;
      if (!response.ok) throw new Error(`${method} ${path} → ${response.status}: ${text.slice(0, 200)}`);
      return text ? (JSON.parse(text) as Record<string, unknown>) : {};
    }
  };

  const replay = async (d: TutorialDestination): Promise<void> => {
    await call(d.sandbox, "GET", `/connectionSpecs?property=name==${encodeURIComponent(KINESIS.label)}`);
    const base = await call(d.sandbox, "POST", "/connections", {
      name: "Base connection to Experience Platform",
      description: `Profile base connection for ${d.name}`,
      connectionSpec: { id: PROFILE_CONNECTION_SPEC_ID, version: SPEC_VERSION },
    });
    const source = await call(d.sandbox, "POST", "/sourceConnections", {
      name: "Connecting to Profile Service",
      description: `Profile source for ${d.name}`,
      connectionSpec: { id: PROFILE_CONNECTION_SPEC_ID, version: SPEC_VERSION },
      baseConnectionId: base.id,
      data: { format: "json" },
      params: {},
    });
    const account = await call(d.sandbox, "POST", "/connections", {
      name: `Connection for Amazon Kinesis (${d.name})`,
      description: "Kinesis account",
      connectionSpec: { id: KINESIS.connectionSpecId, version: SPEC_VERSION },
      auth: {
        specName: KINESIS.authSpecName,
        params: { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretKey: "tutorial-secret", region: "us-east-1" },
      },
    });
    const target = await call(d.sandbox, "POST", "/targetConnections", {
      name: `Amazon Kinesis target connection (${d.name})`,
      description: "Kinesis stream",
      baseConnectionId: account.id,
      connectionSpec: { id: KINESIS.connectionSpecId, version: SPEC_VERSION },
      data: { format: "json" },
      params: { stream: d.name, region: "us-east-1" },
    });
    const flow = await call(d.sandbox, "POST", "/flows", {
      name: d.name,
      description: "Amazon Kinesis",
      flowSpec: { id: DESTINATION_FLOW_SPEC_ID, version: SPEC_VERSION },
      sourceConnectionIds: [source.id],
      targetConnectionIds: [target.id],
      transformations: [
        {
          name: "GeneralTransform",
          params: { profileSelectors: { selectors: [] }, segmentSelectors: { selectors: [] } },
        },
      ],
    });
    const ops = [
      ...d.audiences.map((a) => ({
        op: "add",
        path: "/transformations/0/params/segmentSelectors/selectors/-",
        value: { type: "PLATFORM_SEGMENT", value: { id: a.id, name: a.name } },
      })),
      ...d.attributes.map((p) => ({
        op: "add",
        path: "/transformations/0/params/profileSelectors/selectors/-",
        value: { type: "JSON_PATH", value: { path: p } },
      })),
    ];
    await call(d.sandbox, "PATCH", `/flows/${String(flow.id)}`, ops, String(flow.etag));
    await call(d.sandbox, "GET", `/flows/${String(flow.id)}`);
  };

  let next = 0;
  const worker = async () => {
    while (next < destinations.length) {
      const d = destinations[next++]!;
      try {
        await replay(d);
      } catch (error) {
        result.failed++;
        result.firstError ??= (error as Error).message;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, worker));
  result.wallMs = performance.now() - started;
  return result;
}

async function fetchToken(options: TutorialOptions): Promise<string> {
  const response = await fetch(`${options.url}/ims/token/v3`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "client_credentials",
      client_id: options.clientId,
      client_secret: options.clientSecret,
      scope: "openid,AdobeID",
    }),
  });
  const body = (await response.json()) as { access_token?: string };
  if (!body.access_token) throw new Error(`IMS refused the tutorial client: ${response.status}`);
  return body.access_token;
}

// Standalone: an in-process emulator with the given latency and rate limit, N destinations in prod.
if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      destinations: { type: "string", default: "10" },
      concurrency: { type: "string", default: "4" },
      latency: { type: "string", default: "80" },
      jitter: { type: "string", default: "20" },
      rate: { type: "string", default: "20" },
    },
  });
  const { startEmulator, MEN_OVER_50_PROD } = await import("../src/emulator/index.js");
  const emulator = await startEmulator({
    port: 0,
    config: {
      faults: {
        latencyMs: Number(values.latency),
        jitterMs: Number(values.jitter),
        rateLimit: { perSecond: Number(values.rate) },
      },
    },
  });
  try {
    const destinations = Array.from({ length: Number(values.destinations) }, (_, i) => ({
      sandbox: "prod",
      name: `tutorial-${i}`,
      audiences: [{ id: MEN_OVER_50_PROD, name: "Men over 50" }],
      attributes: ["person.lastName", "personalEmail.address"],
    }));
    const result = await runTutorialPath(destinations, {
      url: emulator.url,
      clientId: "demo-client",
      clientSecret: "demo-secret",
      orgId: "DEMOORG0000000000000000@AdobeOrg",
      concurrency: Number(values.concurrency),
    });
    console.log(JSON.stringify(result, null, 2));
  } finally {
    await emulator.close();
  }
}
