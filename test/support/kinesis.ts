// A real Kinesis on loopback for the stream checks: kinesalite (Kinesis' API over an in-memory store)
// on 127.0.0.1:0, stopped by the test that started it. `allow` puts an IAM-like gate in front of it:
// an action the account's policy does not list is refused as AWS refuses it (HTTP 400,
// AccessDeniedException), so a check can be run with exactly the permissions Adobe requires.
import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createRequire } from "node:module";
import { CreateStreamCommand, KinesisClient } from "@aws-sdk/client-kinesis";
import { NodeHttpHandler } from "@smithy/node-http-handler";

const require = createRequire(import.meta.url);
const kinesalite = require("kinesalite") as (options: Record<string, number>) => Server;

/** Adobe's Kinesis page, "Required Amazon Kinesis permissions". */
export const ADOBE_KINESIS_PERMISSIONS = ["kinesis:ListStreams", "kinesis:PutRecord", "kinesis:PutRecords"];

export interface LocalKinesis {
  /** What AWS_ENDPOINT_URL_KINESIS is set to. */
  url: string;
  /** The actions asked for, in order (`ListStreams`, …), refused ones included. */
  actions: string[];
  createStream(name: string, shards: number): Promise<void>;
  close(): Promise<void>;
}

export async function startKinesis(options: { allow?: string[] } = {}): Promise<LocalKinesis> {
  // Streams are ACTIVE at once: the checks never wait for one.
  const store = kinesalite({ createStreamMs: 0, deleteStreamMs: 0, updateStreamMs: 0, shardLimit: 50 });
  const storeUrl = await listen(store);
  const actions: string[] = [];
  const gate = createServer((req, res) => {
    const action = String(req.headers["x-amz-target"] ?? "").split(".")[1] ?? "";
    actions.push(action);
    if (options.allow && !options.allow.includes(`kinesis:${action}`)) {
      req.resume();
      res.writeHead(400, { "content-type": "application/x-amz-json-1.1", "x-amzn-requestid": "denied" });
      res.end(
        JSON.stringify({
          __type: "AccessDeniedException",
          message: `User: arn:aws:iam::000000000000:user/adobe-export is not authorized to perform: kinesis:${action} because no identity-based policy allows the kinesis:${action} action`,
        }),
      );
      return;
    }
    const forward = request(`${storeUrl}${req.url ?? "/"}`, { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 500, answer.headers);
      answer.pipe(res);
    });
    forward.on("error", () => res.destroy());
    req.pipe(forward);
  });
  const url = await listen(gate);
  // The SDK's notice about its own future Node versions, as the CLI silences it (src/aep/kinesis.ts).
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  const client = new KinesisClient({
    region: "us-east-1",
    endpoint: storeUrl,
    credentials: { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "test-setup" },
    requestHandler: new NodeHttpHandler(),
  });
  return {
    url,
    actions,
    async createStream(name, shards) {
      await client.send(new CreateStreamCommand({ StreamName: name, ShardCount: shards }));
    },
    async close() {
      client.destroy();
      gate.closeAllConnections();
      await new Promise<void>((resolve) => gate.close(() => resolve()));
      store.closeAllConnections();
      await new Promise<void>((resolve) => store.close(() => resolve()));
    },
  };
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A loopback address where nothing listens: a Kinesis that cannot be reached. */
export async function unreachableKinesis(): Promise<string> {
  const server = createServer();
  const url = await listen(server);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return url;
}
