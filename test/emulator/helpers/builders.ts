// Small builders for request bodies and for whole destinations (the five objects of Adobe's tutorial).
import type { TestClient } from "./harness.js";

export const UPS = { id: "8a9c3494-9708-43d7-ae3f-cda01e5030e1", version: "1.0" };
export const KINESIS = { id: "86043421-563b-46ec-8e6c-e23184711bf6", version: "1.0" };
export const EVENT_HUBS = { id: "bf9f5905-92b7-48bf-bf20-455bc6b60a4e", version: "1.0" };
export const FLOW_SPEC = { id: "71471eba-b620-49e4-90fd-23f1fa0174d8", version: "1.0" };
export const MEN_OVER_50 = "72ddd79b-6b0a-4e97-a8d2-112ccd81bd02";
export const ETAG_SHAPE = /^"[0-9a-f]{8}-0000-0200-0000-[0-9a-f]{8}0000"$/;
export const UUID_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const upsBase = (name = "Base connection to Experience Platform") => ({
  name,
  description: "source side",
  connectionSpec: UPS,
});

export const upsSource = (baseConnectionId: string, name = "Connecting to Profile Service") => ({
  name,
  description: "Optional",
  connectionSpec: UPS,
  baseConnectionId,
  data: { format: "json" },
  params: {},
});

export const kinesisAccount = (name = "Connection for Amazon Kinesis", params: Record<string, unknown> = {}) => ({
  name,
  description: "Kinesis account",
  connectionSpec: KINESIS,
  auth: {
    specName: "Aws Kinesis authentication credentials",
    params: { accessKeyId: "AKIAEXAMPLE", secretKey: "s3cr3t-key", region: "eu-central-1", ...params },
  },
});

export const eventHubsAccount = (name = "Connection for Azure Event Hubs") => ({
  name,
  connectionSpec: EVENT_HUBS,
  auth: {
    specName: "Azure EventHub authentication credentials",
    params: { sasKeyName: "send", sasKey: "sas-secret", namespace: "acme-ns" },
  },
});

export const kinesisTarget = (
  baseConnectionId: string,
  params: Record<string, unknown> = { stream: "profiles", region: "eu-central-1" },
  name = "Amazon Kinesis target connection",
) => ({
  name,
  description: "Kinesis target",
  baseConnectionId,
  connectionSpec: KINESIS,
  data: { format: "json" },
  params,
});

export const selectors = (audiences: string[] = [], attributes: string[] = []) => [
  {
    name: "GeneralTransform",
    params: {
      profileSelectors: {
        selectors: attributes.map((path) => ({ type: "JSON_PATH", value: { path, operator: "EXISTS" } })),
      },
      segmentSelectors: {
        selectors: audiences.map((id) => ({
          type: "PLATFORM_SEGMENT",
          value: { id, name: `Audience ${id.slice(0, 8)}`, description: "" },
        })),
      },
    },
  },
];

export const flowBody = (
  sourceConnectionId: string,
  targetConnectionId: string,
  name = "Kinesis destination",
  transformations: unknown = selectors(),
) => ({
  name,
  description: "Streaming destination",
  flowSpec: FLOW_SPEC,
  sourceConnectionIds: [sourceConnectionId],
  targetConnectionIds: [targetConnectionId],
  transformations,
});

export interface Destination {
  baseId: string;
  sourceId: string;
  accountId: string;
  targetId: string;
  flowId: string;
  flowEtag: string;
}

async function created(
  api: TestClient,
  path: string,
  body: unknown,
  sandbox: string,
  client: string,
): Promise<{ id: string; etag: string }> {
  const result = await api.flow("POST", path, { body, sandbox, client });
  if (result.status !== 201) throw new Error(`POST ${path}: ${result.status} ${result.text}`);
  return result.body as { id: string; etag: string };
}

/** Creates the five objects of a Kinesis destination; a shared UPS source can be passed in. */
export async function createDestination(
  api: TestClient,
  options: {
    sandbox?: string;
    name?: string;
    client?: string;
    sourceId?: string;
    baseId?: string;
    audiences?: string[];
  } = {},
): Promise<Destination> {
  const sandbox = options.sandbox ?? "prod";
  const client = options.client ?? "demo-client";
  const baseId = options.baseId ?? (await created(api, "/connections", upsBase(), sandbox, client)).id;
  const sourceId =
    options.sourceId ?? (await created(api, "/sourceConnections", upsSource(baseId), sandbox, client)).id;
  const accountId = (await created(api, "/connections", kinesisAccount(), sandbox, client)).id;
  const targetId = (await created(api, "/targetConnections", kinesisTarget(accountId), sandbox, client)).id;
  const flow = await created(
    api,
    "/flows",
    flowBody(sourceId, targetId, options.name, selectors(options.audiences ?? [])),
    sandbox,
    client,
  );
  return { baseId, sourceId, accountId, targetId, flowId: flow.id, flowEtag: flow.etag };
}
