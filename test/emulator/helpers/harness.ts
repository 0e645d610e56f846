// Starts emulators for a test file and talks to them over real HTTP (Node's fetch on 127.0.0.1).
// Every exchange is recorded, so contract.ts can check each response against Adobe's OpenAPI specs.
import { afterAll, beforeAll } from "vitest";
import { startEmulator, type RunningEmulator, type StartEmulatorOptions } from "../../../src/emulator/index.js";
import { record } from "./recorder.js";

export const ORG = "DEMOORG0000000000000000@AdobeOrg";
export const FLOW = "/data/foundation/flowservice";
export const SECRETS: Record<string, string> = {
  "demo-client": "demo-secret",
  "ui-editor": "ui-secret",
  "ui-reviewer": "ui-reviewer-secret",
};

/** Parsed JSON as tests read it: assertions check the shape, so the static type stays loose. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export interface ApiResult {
  status: number;
  headers: Headers;
  text: string;
  /** Parsed JSON body (undefined when empty or not JSON). */
  body: Json;
}

export interface CallOptions {
  client?: string;
  sandbox?: string | null;
  body?: unknown;
  /** Extra headers; a null value removes a default header. */
  headers?: Record<string, string | null>;
  signal?: AbortSignal;
}

export class TestClient {
  private readonly tokens = new Map<string, string>();

  constructor(
    readonly url: string,
    private readonly secrets: Record<string, string> = SECRETS,
  ) {}

  /** Sends a request and records the exchange. */
  async send(
    method: string,
    path: string,
    init: { headers?: Record<string, string>; body?: string; signal?: AbortSignal } = {},
  ): Promise<ApiResult> {
    const response = await fetch(`${this.url}${path}`, {
      method,
      headers: init.headers,
      body: init.body,
      signal: init.signal,
    });
    const text = await response.text();
    let body: unknown;
    try {
      body = text === "" ? undefined : JSON.parse(text);
    } catch {
      body = undefined;
    }
    record({ method, path, status: response.status, body, text });
    return { status: response.status, headers: response.headers, text, body };
  }

  async token(client = "demo-client"): Promise<string> {
    const cached = this.tokens.get(client);
    if (cached) return cached;
    const form = new URLSearchParams({
      grant_type: "client_credentials",
      client_id: client,
      client_secret: this.secrets[client] ?? "",
      scope: "openid,AdobeID",
    });
    const result = await this.send("POST", "/ims/token/v3", {
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: form.toString(),
    });
    if (result.status !== 200) throw new Error(`token for ${client}: ${result.status} ${result.text}`);
    this.tokens.set(client, result.body.access_token);
    return result.body.access_token as string;
  }

  forgetTokens(): void {
    this.tokens.clear();
  }

  /** An authenticated API call with Adobe's headers; `path` is relative to the origin. */
  async call(method: string, path: string, options: CallOptions = {}): Promise<ApiResult> {
    const client = options.client ?? "demo-client";
    const headers: Record<string, string | null> = {
      authorization: `Bearer ${await this.token(client)}`,
      "x-api-key": client,
      "x-gw-ims-org-id": ORG,
      "x-sandbox-name": options.sandbox === undefined ? "prod" : options.sandbox,
      ...(options.body !== undefined ? { "content-type": "application/json" } : {}),
      ...(options.headers ?? {}),
    };
    const clean = Object.fromEntries(Object.entries(headers).filter((e): e is [string, string] => e[1] !== null));
    return this.send(method, path, {
      headers: clean,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  }

  /** A Flow Service call: `path` is relative to /data/foundation/flowservice. */
  flow(method: string, path: string, options: CallOptions = {}): Promise<ApiResult> {
    return this.call(method, `${FLOW}${path}`, options);
  }

  async admin(method: string, path: string, body?: unknown): Promise<Json> {
    const response = await fetch(`${this.url}/__emulator${path}`, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return response.json();
  }
}

/** One emulator for the whole file (reset between tests with `api.admin("POST", "/reset")`). */
export function useEmulator(options: StartEmulatorOptions = {}): {
  readonly api: TestClient;
  readonly emulator: RunningEmulator;
} {
  let emulator: RunningEmulator | undefined;
  let api: TestClient | undefined;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, ...options });
    api = new TestClient(emulator.url);
  });
  afterAll(async () => {
    await emulator?.close();
  });
  return {
    get api() {
      if (!api) throw new Error("emulator not started");
      return api;
    },
    get emulator() {
      if (!emulator) throw new Error("emulator not started");
      return emulator;
    },
  };
}
