// A lab for end-to-end behaviour specs: the real emulator on 127.0.0.1:0, a temp config repo, the real
// CLI bundle run as a child process with Adobe-style environment, and a person in Adobe's UI
// (the emulator's ui-editor client) who can change things behind the tool's back.
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startEmulator } from "../../src/emulator/index.js";
import { jsonOutputError } from "./json-output.js";

export const ORG = "DEMOORG0000000000000000@AdobeOrg";
export const MEN_OVER_50 = "72ddd79b-6b0a-4e97-a8d2-112ccd81bd02";
export const KINESIS_SPEC = { id: "86043421-563b-46ec-8e6c-e23184711bf6", version: "1.0" };
export const UPS_SPEC = { id: "8a9c3494-9708-43d7-ae3f-cda01e5030e1", version: "1.0" };
export const PROD_AUDIENCES = [
  MEN_OVER_50,
  "fa1ec848-301b-4d38-b651-04a12114c7bb",
  "22a6a416-9144-4566-a44a-41301747d69e",
  "199897ff-0c92-41d0-87dc-c6d494cdad48",
  "d591f606-e773-4a32-b6ae-4d47bb987fab",
  "ba9733a8-18a2-4ea8-ac84-0167eb947dbe",
];
const ROOT = path.resolve(import.meta.dirname, "../..");

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RequestLogEntry {
  seq: number;
  method: string;
  path: string;
  route: string;
  status: number;
  sandbox?: string;
  client?: string;
  durationMs?: number;
  fault?: string;
  /** Arrival time, epoch ms. */
  at: number;
}

export const SECRETS = { KINESIS_SECRET_KEY: "kinesis-secret-Zq81x", EVENTHUB_SAS_KEY: "sas-key-Pw7731qq" };

export type Lab = Awaited<ReturnType<typeof startLab>>;

export async function startLab(options: { config?: Record<string, unknown>; statePath?: string } = {}) {
  const emulator = await startEmulator({
    port: 0,
    ...(options.statePath ? { statePath: options.statePath } : {}),
    ...(options.config ? { config: options.config as never } : {}),
  });
  const dir = mkdtempSync(path.join(tmpdir(), "aep-gitops-lab-"));
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "",
    HOME: dir,
    AEP_CLIENT_ID: "demo-client",
    AEP_CLIENT_SECRET: "demo-secret",
    AEP_ORG_ID: ORG,
    AEP_PLATFORM_URL: emulator.url,
    AEP_IMS_URL: emulator.url,
    // A crashed run's lease blocks the next apply this long: short, so crash tests re-run quickly.
    AEP_GITOPS_LOCK_TTL_SECONDS: "2",
    ...SECRETS,
  };
  const admin = async (route: string, body?: unknown) => {
    const response = await fetch(
      `${emulator.url}/__emulator/${route}`,
      body === undefined
        ? {}
        : { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) },
    );
    const text = await response.text();
    return text ? JSON.parse(text) : undefined;
  };

  const lab = {
    url: emulator.url,
    dir,
    env,
    write(file: string, content: string) {
      const full = path.join(dir, file);
      mkdirSync(path.dirname(full), { recursive: true });
      writeFileSync(full, content);
    },
    remove(file: string) {
      rmSync(path.join(dir, file), { force: true });
    },
    /** Runs the CLI bundle; the promise also has kill(), which ends the process with SIGKILL. */
    cli(
      args: string[],
      opts: { env?: Record<string, string | undefined> } = {},
    ): Promise<CliRun> & { kill(): void; signal(signal: NodeJS.Signals): void } {
      let child: ReturnType<typeof spawn> | undefined;
      const promise = new Promise<CliRun>((resolve, reject) => {
        child = spawn(process.execPath, [path.join(ROOT, "bin/aep-gitops.js"), ...args], {
          cwd: dir,
          env: Object.fromEntries(Object.entries({ ...env, ...opts.env }).filter(([, v]) => v !== undefined)) as Record<
            string,
            string
          >,
          stdio: ["ignore", "pipe", "pipe"],
        });
        let stdout = "";
        let stderr = "";
        child.stdout!.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
        child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
        child.on("error", reject);
        // Every aep-gitops JSON document the suite sees is checked against its schema (json-output.ts).
        child.on("close", (code, signal) => {
          const invalid = jsonOutputError(args, stdout);
          if (invalid) reject(invalid);
          else resolve({ code, signal, stdout, stderr });
        });
      });
      return Object.assign(promise, {
        kill: () => void child?.kill("SIGKILL"),
        /** Sends a signal as Ctrl-C (SIGINT) or a cancelled CI job (SIGTERM) would. */
        signal: (signal: NodeJS.Signals) => void child?.kill(signal),
      });
    },
    async requests(): Promise<RequestLogEntry[]> {
      return (await admin("requests")).items;
    },
    async writes(): Promise<RequestLogEntry[]> {
      return (await lab.requests()).filter(
        // The Policy Service's evaluation POSTs read a verdict; they change nothing.
        (r) =>
          r.method !== "GET" &&
          !r.path.startsWith("/ims/") &&
          !r.path.includes("/segment/") &&
          !r.path.startsWith("/data/foundation/dulepolicy/"),
      );
    },
    /**
     * Writes to destinations and accounts: without the sandbox lock's lease PATCHes on the Profile
     * connection (taken, renewed while a slow apply runs, released), whose count depends on timing.
     */
    async dataWrites(): Promise<RequestLogEntry[]> {
      const connections =
        (await lab.ui("GET", "/connections?limit=100&property=name==aep-gitops%20Profile%20connection")).body?.items ??
        [];
      const lockIds = new Set(connections.map((c: { id: string }) => c.id));
      return (await lab.writes()).filter(
        (w) => !(w.method === "PATCH" && lockIds.has(w.path.split("/").pop()?.split("?")[0])),
      );
    },
    metrics: () => admin("metrics"),
    state: () => admin("state"),
    faults: (config: unknown) => admin("faults", config),
    reset: () => admin("reset", {}),
    /** Scripts a flow's dataflow runs (docs/emulator.md, "Runs"): windows by hours ago, or none at all. */
    scriptRuns: (script: { flowId: string; sandbox?: string; generate?: boolean; windows?: unknown[] }) =>
      admin("runs", script),
    /** Moves the emulator's clock forward, so generated windows complete. */
    advanceClock: (advanceSeconds: number) => admin("clock", { advanceSeconds }),
    /** Adobe's UI, as a person would use it: the ui-editor client through the public API. */
    async ui(
      method: string,
      apiPath: string,
      init: { body?: unknown; sandbox?: string; ifMatch?: string; as?: UiUser; requestId?: string } = {},
    ) {
      const user = init.as ?? UI_EDITOR;
      const token = await uiToken(emulator.url, user);
      const headers: Record<string, string> = {
        authorization: `Bearer ${token}`,
        "x-api-key": user.clientId,
        "x-gw-ims-org-id": ORG,
        "x-sandbox-name": init.sandbox ?? "prod",
      };
      if (init.body !== undefined) headers["content-type"] = "application/json";
      if (init.ifMatch) headers["if-match"] = init.ifMatch;
      if (init.requestId) headers["x-request-id"] = init.requestId;
      const response = await fetch(`${emulator.url}/data/foundation/flowservice${apiPath}`, {
        method,
        headers,
        ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : undefined };
    },
    /** Creates an object as a person in Adobe's UI would; its id, or an error with Adobe's answer. */
    async uiCreate(apiPath: string, body: unknown, sandbox = "prod"): Promise<string> {
      const answer = await lab.ui("POST", apiPath, { body, sandbox });
      if (answer.status !== 201)
        throw new Error(`UI create ${apiPath} → ${answer.status} ${JSON.stringify(answer.body)}`);
      return answer.body.id as string;
    },
    /** The Profile base + source connection pair the UI makes for its destinations; the source's id. */
    async uiProfileSource(): Promise<string> {
      const base = await lab.uiCreate("/connections", { name: "Profile base", connectionSpec: UPS_SPEC });
      return lab.uiCreate("/sourceConnections", {
        name: "Profile source",
        connectionSpec: UPS_SPEC,
        baseConnectionId: base,
        data: { format: "json" },
        params: {},
      });
    },
    /** A Kinesis account made in the UI; its id. */
    uiKinesisAccount(name: string, secretKey: string, region = "us-east-1"): Promise<string> {
      return lab.uiCreate("/connections", {
        name,
        connectionSpec: KINESIS_SPEC,
        auth: {
          specName: "Aws Kinesis authentication credentials",
          params: { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretKey, region },
        },
      });
    },
    /** Reads one flow as the UI sees it, and edits it with the current etag. */
    async uiPatchFlow(flowId: string, ops: unknown[], sandbox = "prod", as: UiUser = UI_EDITOR) {
      const flow = (await lab.ui("GET", `/flows/${flowId}`, { sandbox, as })).body.items[0];
      return lab.ui("PATCH", `/flows/${flowId}`, { body: ops, ifMatch: flow.etag, sandbox, as });
    },
    /** Renames an audience as a person in Segmentation would (PATCH /segment/definitions/{id}). */
    async uiRenameAudience(id: string, name: string, sandbox = "prod") {
      const response = await fetch(`${emulator.url}/data/core/ups/segment/definitions/${id}`, {
        method: "PATCH",
        headers: {
          authorization: `Bearer ${await uiToken(emulator.url)}`,
          "x-api-key": "ui-editor",
          "x-gw-ims-org-id": ORG,
          "x-sandbox-name": sandbox,
          "content-type": "application/json",
        },
        body: JSON.stringify({ id, name }),
      });
      if (response.status !== 200)
        throw new Error(`rename audience ${id} → ${response.status} ${await response.text()}`);
    },
    async close() {
      await emulator.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return lab;
}

/** The people the emulator stands for in Adobe's UI (docs/emulator.md, `clients`). */
export interface UiUser {
  clientId: string;
  clientSecret: string;
}
export const UI_EDITOR: UiUser = { clientId: "ui-editor", clientSecret: "ui-secret" };
export const UI_REVIEWER: UiUser = { clientId: "ui-reviewer", clientSecret: "ui-reviewer-secret" };

async function uiToken(url: string, user: UiUser = UI_EDITOR): Promise<string> {
  const response = await fetch(`${url}/ims/token/v3`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "client_credentials",
      client_id: user.clientId,
      client_secret: user.clientSecret,
      scope: "openid",
    }),
  });
  return ((await response.json()) as { access_token: string }).access_token;
}

/** YAML for an account + destinations, as users write it. */
export function kinesisAccount(name = "kinesis-marketing"): string {
  return `apiVersion: aep-gitops/v1
kind: Account
name: ${name}
type: amazon-kinesis
description: Marketing AWS account
credentials:
  accessKeyId: AKIAIOSFODNN7EXAMPLE
  secretKey: \${env:KINESIS_SECRET_KEY}
  region: us-east-1
`;
}

/** An Event Hubs account as users write it, its SAS key from EVENTHUB_SAS_KEY. */
export function eventHubsAccount(name = "eventhubs-crm"): string {
  return `apiVersion: aep-gitops/v1
kind: Account
name: ${name}
type: azure-event-hubs
credentials:
  sasKeyName: RootManageSharedAccessKey
  sasKey: \${env:EVENTHUB_SAS_KEY}
  namespace: crm-namespace
`;
}

export function kinesisDestination(
  name: string,
  opts: {
    account?: string;
    audiences?: string[];
    attributes?: string[];
    description?: string;
    state?: string;
    stream?: string;
  } = {},
): string {
  const audiences = opts.audiences ?? [MEN_OVER_50];
  const attributes = opts.attributes ?? ["person.lastName", "personalEmail.address"];
  return `apiVersion: aep-gitops/v1
kind: Destination
name: ${name}
type: amazon-kinesis
account: ${opts.account ?? "kinesis-marketing"}
description: ${opts.description ?? `Exports for ${name}`}
state: ${opts.state ?? "enabled"}
target:
  stream: ${opts.stream ?? `${name}-stream`}
  region: us-east-1
audiences:
${audiences.length ? audiences.map((id) => `  - id: ${id}`).join("\n") : "  []"}
profileAttributes:
${attributes.length ? attributes.map((p) => `  - ${p}`).join("\n") : "  []"}
`;
}
