// The AWS edge: does a destination's Kinesis stream exist, and how many shards take its writes. Only
// what Adobe's own permissions allow decides existence: Adobe's Kinesis page requires
// kinesis:ListStreams, PutRecord and PutRecords (help/destinations/catalog/cloud-storage/amazon-kinesis.md,
// "Required Amazon Kinesis permissions"), so a stream exists when ListStreams names it; DescribeStream
// is not in that list. The open shard count (DescribeStreamSummary) is read only where the account's
// policy also allows it, and a refusal is "unknown", not a failure.
//
// The SDK is configured the way AWS documents, with nothing of our own: the region and the account's
// credentials are given; the endpoint comes from AWS_ENDPOINT_URL_KINESIS / AWS_ENDPOINT_URL (or
// `endpoint_url` in the shared config), read by the SDK itself. It is loaded only when a check runs.

export interface KinesisAccess {
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
}

export type Existence = { state: "exists" } | { state: "missing" } | { state: "unchecked"; reason: string };

export type OpenShards =
  | { state: "open"; count: number }
  | { state: "missing" }
  /** The credentials may not call DescribeStreamSummary (Adobe does not require it). */
  | { state: "denied" }
  | { state: "unchecked"; reason: string };

export interface StreamPort {
  exists(access: KinesisAccess, stream: string): Promise<Existence>;
  openShards(access: KinesisAccess, stream: string): Promise<OpenShards>;
}

/** ListStreams answers at most 100 names a page; past this many pages the check gives up and says so. */
const MAX_PAGES = 100;

type Sdk = typeof import("@aws-sdk/client-kinesis");
type Client = InstanceType<Sdk["KinesisClient"]>;
type Listing = { names: ReadonlySet<string> } | { reason: string };

export class KinesisStreams implements StreamPort {
  private sdk: Promise<{ sdk: Sdk; handler: typeof import("@smithy/node-http-handler") }> | undefined;
  private readonly clients = new Map<string, Promise<Client>>();
  /** One listing per AWS identity and region, however many streams of it are checked. */
  private readonly listings = new Map<string, Promise<Listing>>();

  async exists(access: KinesisAccess, stream: string): Promise<Existence> {
    const key = identityKey(access);
    let listing = this.listings.get(key);
    if (!listing) this.listings.set(key, (listing = this.list(access)));
    const found = await listing;
    if ("reason" in found) return { state: "unchecked", reason: found.reason };
    return found.names.has(stream) ? { state: "exists" } : { state: "missing" };
  }

  async openShards(access: KinesisAccess, stream: string): Promise<OpenShards> {
    try {
      const { sdk } = await this.load();
      const client = await this.client(access);
      const answer = await client.send(new sdk.DescribeStreamSummaryCommand({ StreamName: stream }));
      const count = answer.StreamDescriptionSummary?.OpenShardCount;
      return typeof count === "number" ? { state: "open", count } : { state: "unchecked", reason: "no shard count" };
    } catch (error) {
      const name = (error as Error).name;
      if (name === "ResourceNotFoundException") return { state: "missing" };
      if (name === "AccessDeniedException") return { state: "denied" };
      return { state: "unchecked", reason: describe(error) };
    }
  }

  private async list(access: KinesisAccess): Promise<Listing> {
    try {
      const { sdk } = await this.load();
      const client = await this.client(access);
      const names = new Set<string>();
      // ExclusiveStartStreamName, not NextToken: every Kinesis (and kinesalite) pages by it.
      let after: string | undefined;
      for (let page = 0; page < MAX_PAGES; page++) {
        const answer = await client.send(
          new sdk.ListStreamsCommand({ Limit: 100, ...(after ? { ExclusiveStartStreamName: after } : {}) }),
        );
        const batch = answer.StreamNames ?? [];
        for (const name of batch) names.add(name);
        if (!answer.HasMoreStreams || batch.length === 0) return { names };
        after = batch[batch.length - 1];
      }
      return { reason: `the account lists more than ${MAX_PAGES * 100} streams` };
    } catch (error) {
      if ((error as Error).name === "AccessDeniedException")
        return { reason: "the credentials may not call kinesis:ListStreams, which Adobe requires to export" };
      return { reason: describe(error) };
    }
  }

  private client(access: KinesisAccess): Promise<Client> {
    const key = identityKey(access);
    let client = this.clients.get(key);
    if (!client) {
      client = this.load().then(
        ({ sdk, handler }) =>
          new sdk.KinesisClient({
            region: access.region,
            credentials: { accessKeyId: access.accessKeyId, secretAccessKey: access.secretAccessKey },
            // HTTP/1.1: the SDK's default HTTP/2 handler exists for SubscribeToShard, which is never
            // called here, and cannot speak to a plain-HTTP local Kinesis (AWS_ENDPOINT_URL_KINESIS).
            requestHandler: new handler.NodeHttpHandler({ connectionTimeout: 5_000, requestTimeout: 15_000 }),
          }),
      );
      this.clients.set(key, client);
    }
    return client;
  }

  private load() {
    // The SDK warns on Node < 22 that its releases after January 2027 will need Node 22: package-lock
    // pins the version, not the user, so the warning would only be noise in their output. An explicit
    // setting of the SDK's own variable is kept.
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
    this.sdk ??= Promise.all([import("@aws-sdk/client-kinesis"), import("@smithy/node-http-handler")]).then(
      ([sdk, handler]) => ({ sdk, handler }),
    );
    return this.sdk;
  }
}

/** Never printed: the key of the in-memory caches only. */
function identityKey(access: KinesisAccess): string {
  return JSON.stringify([access.region, access.accessKeyId, access.secretAccessKey]);
}

/** An SDK or network error in one line; AWS's messages name no secret (an access key id at most). */
function describe(error: unknown): string {
  const { name, message } = error as Error;
  const code = (error as { code?: string }).code;
  const text = (message || code || "").split("\n")[0]!.slice(0, 200);
  return name && name !== "Error" ? `${name}${text ? `: ${text}` : ""}` : text || "an unknown error";
}
