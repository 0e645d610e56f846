// The emulator's state and its request pipeline: route → log → latency → faults → gateway → rate limit →
// content type → handler → post-processing faults. Handlers return values, so a fault can process a
// request and then hang, reset or run another request before the answer goes out.
import { adminState, sealRestoredStore } from "./admin-state.js";
import { AudienceStore } from "./audience-store.js";
import { Clock } from "./clock.js";
import { resolveConfig, isUiClient, type EmulatorConfig } from "./config.js";
import type { HandlerContext } from "./context.js";
import { ApiError, flowError } from "./errors.js";
import { FaultEngine, type FaultConfig, type FaultDecision } from "./faults.js";
import { authenticate, checkContentType, resolveSandbox } from "./gateway.js";
import type { EmuRequest, EmuResponse } from "./http.js";
import { grantParams, handleToken, TokenStore } from "./ims.js";
import { handleAdmin, RequestLog, type AdminTarget } from "./inspection.js";
import { Operations } from "./operations.js";
import { readState, Persistence, type PersistedState } from "./persistence.js";
import { RateLimiter } from "./rate-limit.js";
import { isWrite, matchRoute, type RouteMatch } from "./router.js";
import { routeHandler } from "./handlers.js";
import { stableUuid } from "./ids.js";
import { handleGetSandbox, handleListSandboxes } from "./sandboxes.js";
import { SecretVault } from "./secrets.js";
import { SpecCatalog } from "./spec-catalog.js";
import { Store } from "./store.js";
import { isResourceName, type Caller, type SandboxInfo } from "./types.js";
import { observeWrite } from "./write-hooks.js";

export type Outcome = { kind: "respond"; response: EmuResponse } | { kind: "reset" } | { kind: "hang" };

type AfterRequest = Extract<FaultDecision, { kind: "after" }>["request"];

export class Emulator implements AdminTarget {
  readonly config: EmulatorConfig;
  store: Store;
  readonly tokens = new TokenStore();
  readonly segments: AudienceStore;
  readonly log = new RequestLog();
  readonly clock: Clock;
  readonly specs: SpecCatalog;
  readonly ops: Operations;
  private readonly vault = new SecretVault();
  private readonly faultEngine: FaultEngine;
  private readonly limiter = new RateLimiter();
  private readonly persistence: Persistence | undefined;
  private readonly sandboxIds = new Map<string, string>();

  constructor(config: Partial<EmulatorConfig> = {}, statePath?: string) {
    this.config = resolveConfig(config);
    this.clock = new Clock(this.config.clockSkewSeconds);
    this.specs = new SpecCatalog(this.config.connectionSpecOverrides);
    this.ops = new Operations(this.config.orgId, this.clock, () => this.persistence?.schedule());
    this.faultEngine = new FaultEngine(this.config.faults, () => this.clock.now());
    this.store = new Store(this.config.sandboxes);
    this.segments = new AudienceStore(this.config.orgId);
    this.segments.seed(this.sandboxes(), this.config.audiences);
    if (statePath) {
      const saved = readState(statePath);
      const resealed = saved ? this.restore(saved) : false;
      this.persistence = new Persistence(statePath, () => this.snapshot());
      // A file written before secrets were sealed is rewritten at once, without them.
      if (resealed) this.persistence.schedule();
    }
  }

  sandboxId(name: string): string {
    let id = this.sandboxIds.get(name);
    if (!id) {
      id = stableUuid(this.config.orgId, name);
      this.sandboxIds.set(name, id);
    }
    return id;
  }

  sandboxes(): SandboxInfo[] {
    return this.config.sandboxes.map((name) => ({ name, id: this.sandboxId(name) }));
  }

  /** Handles one request end to end and says how to answer it. */
  async handle(req: EmuRequest): Promise<Outcome> {
    const match = matchRoute(req.method, req.pathname);
    if (match.family === "admin") return { kind: "respond", response: this.safely(() => handleAdmin(req, this)) };
    const startedAt = performance.now();
    const entry = this.log.begin(req, match.template, match.family);
    entry.client = this.identifyClient(req, match) ?? null;
    entry.sandbox = req.headers["x-sandbox-name"]?.trim() || (match.family === "ims" ? null : "prod");
    let decision: FaultDecision = { kind: "none" };
    if (!req.internal && match.handler) {
      const delay = this.faultEngine.delayMs();
      if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
      decision = this.faultEngine.decide({
        method: req.method,
        route: match.template,
        client: entry.client ?? undefined,
        flowWrite: match.family === "flow" && isWrite(req.method),
      });
    }
    if (decision.kind === "respond" || decision.kind === "reset" || decision.kind === "hang") {
      entry.fault = decision.label;
      if (decision.kind === "respond") this.log.end(entry, { status: decision.response.status }, startedAt);
      else this.log.end(entry, decision.kind === "hang" ? { hung: true } : { reset: true }, startedAt);
      return decision.kind === "respond" ? { kind: "respond", response: decision.response } : { kind: decision.kind };
    }
    const response = this.safely(() => this.process(req, match));
    if (decision.kind === "after") {
      entry.fault = "scripted-after";
      await this.runInternal(decision.request);
    }
    if (decision.kind === "commit-then-delay") {
      // Landed, and still in flight for the client: counted as delayed the moment it is committed.
      entry.fault = "scripted-commit-then-delay";
      this.log.metrics.delayed += 1;
      await new Promise((resolve) => setTimeout(resolve, decision.ms));
    }
    if (decision.kind === "commit-then-hang" || decision.kind === "commit-then-reset") {
      entry.fault = `scripted-${decision.kind}`;
      const hung = decision.kind === "commit-then-hang";
      this.log.end(entry, hung ? { hung: true } : { reset: true }, startedAt);
      return { kind: hung ? "hang" : "reset" };
    }
    this.log.end(entry, { status: response.status }, startedAt);
    return { kind: "respond", response };
  }

  private process(req: EmuRequest, match: RouteMatch): EmuResponse {
    if (!match.handler) {
      if (match.allowed.length > 0)
        throw new ApiError(
          405,
          { error_code: "405000", message: `Method ${req.method} not allowed` },
          { allow: match.allowed.join(", ") },
        );
      throw new ApiError(404, { error_code: "404000", message: `No route ${req.pathname}` });
    }
    if (match.handler === "token")
      return handleToken(req, this.config.clients, this.tokens, this.config.tokenTtlSeconds, this.clock.now());
    const caller = req.internal
      ? this.internalCaller(req.internal.clientId)
      : authenticate(req, this.config, this.tokens, this.clock.now());
    // Sandbox Management names the sandbox in its path: no x-sandbox-name to resolve.
    const sandbox =
      match.family === "sandboxes" ? undefined : resolveSandbox(req, this.config, (name) => this.sandboxId(name));
    const rateLimit = this.faultEngine.current.rateLimit;
    if (rateLimit && !req.internal) {
      const wait = this.limiter.take(this.config.orgId, rateLimit.perSecond, rateLimit.burst);
      if (wait > 0) return this.faultEngine.throttled(wait, "seconds");
    }
    if (match.handler !== "action") checkContentType(req);
    if (!sandbox)
      return match.handler === "getSandbox"
        ? handleGetSandbox(match.id ?? "", this.sandboxes())
        : handleListSandboxes(req, this.sandboxes());
    const ctx: HandlerContext = {
      config: this.config,
      req,
      caller,
      sandbox,
      collections: this.store.sandbox(sandbox.name)!,
      specs: this.specs,
      clock: this.clock,
      vault: this.vault,
      ops: this.ops,
      resource: match.resource ?? "",
      id: match.id,
      changed: () => this.persistence?.schedule(),
    };
    return observeWrite(ctx, match.handler, () => routeHandler(match.handler!)(ctx, this.segments));
  }

  /** Performs a request as `client` (scripted "after" faults); If-Match gets the current etag. */
  private async runInternal(request: AfterRequest): Promise<void> {
    const url = new URL(request.path, "http://emulator.local");
    const sandbox = request.sandbox ?? "prod";
    const headers: Record<string, string | undefined> = {
      "content-type": "application/json",
      "x-sandbox-name": sandbox,
    };
    const method = request.method.toUpperCase();
    const match = matchRoute(method, url.pathname);
    if (
      match.family === "flow" &&
      match.id &&
      match.resource &&
      isResourceName(match.resource) &&
      this.store.sandbox(sandbox)
    ) {
      const etag = this.store.collection(sandbox, match.resource).get(match.id)?.etag;
      if (typeof etag === "string") headers["if-match"] = etag;
    }
    const body = request.body === undefined ? Buffer.alloc(0) : Buffer.from(JSON.stringify(request.body));
    await this.handle({
      method,
      pathname: url.pathname,
      url: `${url.pathname}${url.search}`,
      query: url.searchParams,
      headers,
      body,
      internal: { clientId: request.client },
    });
  }

  private internalCaller(clientId: string): Caller {
    const client = this.config.clients.find((c) => c.clientId === clientId);
    return { clientId, ui: client ? isUiClient(client) : false };
  }

  private identifyClient(req: EmuRequest, match: RouteMatch): string | undefined {
    if (req.internal) return req.internal.clientId;
    if (match.family === "ims") return grantParams(req).get("client_id") ?? undefined;
    const token = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization?.trim() ?? "")?.[1];
    return (token && this.tokens.verify(token, this.clock.now())?.clientId) || req.headers["x-api-key"] || undefined;
  }

  private safely(run: () => EmuResponse): EmuResponse {
    try {
      return run();
    } catch (error) {
      if (error instanceof ApiError) return { status: error.status, body: error.body, headers: error.headers };
      const bug = flowError(
        1102,
        500,
        "Internal server error",
        `Emulator bug: ${(error as Error)?.message ?? String(error)}`,
        { stack: (error as Error)?.stack },
      );
      return { status: 500, body: bug.body };
    }
  }

  // --- admin -------------------------------------------------------------------------------------

  faults(): FaultConfig {
    return this.faultEngine.current;
  }

  setFaults(config: FaultConfig): void {
    this.faultEngine.set(config);
    this.limiter.clear();
  }

  /**
   * Back to the seed: empty store, seeded audiences, no faults, empty log, no flow activity, run scripts
   * or audit events. Issued tokens stay valid; the clock keeps its advance (time does not go back).
   */
  reset(): void {
    this.store = new Store(this.config.sandboxes);
    this.vault.clearAll();
    this.ops.clear();
    this.segments.seed(this.sandboxes(), this.config.audiences);
    this.log.clear();
    this.setFaults({});
    this.persistence?.schedule();
  }

  stateView(): unknown {
    return adminState({
      orgId: this.config.orgId,
      sandboxes: this.sandboxes(),
      store: this.store,
      audiences: this.segments,
      specs: this.specs,
      vault: this.vault,
    });
  }

  async flush(): Promise<void> {
    await this.persistence?.flush();
  }

  /** The state file written now, synchronously (a process about to end at once). */
  saveNow(): void {
    this.persistence?.saveNow();
  }

  private snapshot(): PersistedState {
    return {
      format: "aep-gitops-emulator-state",
      version: 1,
      orgId: this.config.orgId,
      store: this.store.dump(),
      segments: this.segments.dump(),
      tokens: this.tokens.dump(),
      operations: this.ops.dump(),
    };
  }

  /** Loads a state file; says whether clear secrets had to be sealed. */
  private restore(saved: PersistedState): boolean {
    this.store.load(saved.store);
    this.segments.load(saved.segments ?? {});
    this.tokens.load(saved.tokens ?? []);
    this.ops.load(saved.operations);
    return sealRestoredStore(this.store, this.specs, this.vault);
  }
}
