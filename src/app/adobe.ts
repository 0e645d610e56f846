// The connection to Adobe a command talks through: the real one (settings from the environment), or the
// embedded emulator with --emulator, which then signs in as the emulator's demo client. Built once per
// run; every sandbox's Flow Service port and audience port share one HTTP client (one token, one
// rate-limit budget).
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { HttpFlowService } from "../aep/flow-service.js";
import { AepHttp, DEFAULT_RETRY } from "../aep/http.js";
import { ImsTokenSource } from "../aep/ims.js";
import { HttpAudiences } from "../aep/audiences.js";
import { HttpConnectionSpecs } from "../aep/connection-specs.js";
import { HttpSchemaRegistry } from "../aep/schema-registry.js";
import { HttpRuns } from "../aep/runs.js";
import { HttpAudit } from "../aep/audit.js";
import { HttpPolicies } from "../aep/policies.js";
import { settingsFromEnv, type AepSettings } from "../aep/settings.js";
import type { Io } from "./io.js";
import { createTrace } from "./trace.js";
import type { Output } from "./output.js";
import { Repository } from "../config/repository.js";
import { findConfigFolder } from "../config/tool-config-file.js";

export interface Adobe {
  settings: AepSettings;
  http: AepHttp;
  /** The environment the command resolves credentials from (with --emulator, the emulator's identity). */
  env: Record<string, string | undefined>;
  /** Which Adobe this is, stable across commands: the platform URL, or the embedded emulator. */
  endpoint: string;
  port(sandbox: string): HttpFlowService;
  audiences(sandbox: string): HttpAudiences;
  /** Connection specs are global: one cache for the command, whichever sandbox asks first. */
  specs(sandbox: string): HttpConnectionSpecs;
  /** The sandbox's Schema Registry (its Profile union schema, read at most once per command). */
  schemas(sandbox: string): HttpSchemaRegistry;
  /** The sandbox's dataflow runs (health). */
  runs(sandbox: string): HttpRuns;
  /** The sandbox's audit log (who changed what). */
  audit(sandbox: string): HttpAudit;
  /** The sandbox's merge policies and Policy Service evaluation (Adobe's data-usage verdict). */
  policies(sandbox: string): HttpPolicies;
  close(): Promise<void>;
  /**
   * For a command that must end at once (a second interrupt): what close() would save, saved now and
   * synchronously (the embedded emulator's state, the trace). Nothing is waited for.
   */
  closeNow(): void;
}

/** The emulator's demo identity (see docs/emulator.md): what --emulator signs in as. */
export const EMULATOR_IDENTITY = {
  clientId: "demo-client",
  clientSecret: "demo-secret",
  orgId: "DEMOORG0000000000000000@AdobeOrg",
};

/** The environment a command against an emulator at `url` signs in with: its demo client, both hosts at `url`. */
export function emulatorEnv(env: Record<string, string | undefined>, url: string): Record<string, string | undefined> {
  return {
    ...env,
    AEP_CLIENT_ID: EMULATOR_IDENTITY.clientId,
    AEP_CLIENT_SECRET: EMULATOR_IDENTITY.clientSecret,
    AEP_ORG_ID: EMULATOR_IDENTITY.orgId,
    AEP_PLATFORM_URL: url,
    AEP_IMS_URL: url,
  };
}

export async function openAdobe(
  options: {
    emulator?: boolean | undefined;
    trace?: string | undefined;
    /** The tool config the command read or names: the emulator's state lives beside it (emulatorHome below). */
    config?: string | undefined;
  },
  io: Io,
  output: Output,
): Promise<Adobe> {
  let env = io.env;
  let close = async () => {};
  let saveNow = () => {};
  let endpoint: string | undefined;
  if (options.emulator) {
    // Loaded only when asked for: a command against Adobe never pays for the emulator's code.
    const { startEmulator } = await import("../emulator/index.js");
    const home = emulatorHome(io.cwd, options.config);
    const statePath = path.join(stateFolder(home), "emulator-state.json");
    const emulator = await startEmulator({ port: 0, statePath });
    output.err(
      `Using the embedded Flow Service emulator at ${emulator.url} (state in ${path.relative(io.cwd, statePath)}); nothing is sent to Adobe.`,
    );
    env = emulatorEnv(io.env, emulator.url);
    close = () => emulator.close();
    saveNow = () => emulator.saveNow();
    // Named from its home, so a plan saved in one folder of the repository applies from another.
    endpoint = `the embedded emulator (${path.relative(home, statePath)})`;
  }
  const settings = settingsFromEnv(env);
  output.addSecrets([settings.clientSecret]);
  // --trace: every exchange, written (redacted) when the command closes, however it ends.
  const trace = options.trace
    ? createTrace(path.resolve(io.cwd, options.trace), (text) => output.mask(text))
    : undefined;
  const http = new AepHttp(
    settings,
    new ImsTokenSource(settings, Date.now, trace?.observer),
    DEFAULT_RETRY,
    4,
    undefined,
    trace?.observer,
  );
  let specs: HttpConnectionSpecs | undefined;
  const registries = new Map<string, HttpSchemaRegistry>();
  return {
    settings,
    http,
    env,
    endpoint: endpoint ?? settings.platformUrl,
    port: (sandbox) => new HttpFlowService(http, sandbox),
    audiences: (sandbox) => new HttpAudiences(http, sandbox),
    specs: (sandbox) => (specs ??= new HttpConnectionSpecs(http, sandbox)),
    schemas: (sandbox) => {
      let registry = registries.get(sandbox);
      if (!registry) registries.set(sandbox, (registry = new HttpSchemaRegistry(http, sandbox)));
      return registry;
    },
    runs: (sandbox) => new HttpRuns(http, sandbox),
    audit: (sandbox) => new HttpAudit(http, sandbox),
    policies: (sandbox) => new HttpPolicies(http, sandbox),
    closeNow: () => {
      saveNow();
      trace?.write();
    },
    close: async () => {
      await close();
      if (trace) {
        trace.write();
        output.err(
          `Wrote the trace to ${path.relative(io.cwd, trace.file) || trace.file} (HAR 1.2, secrets REDACTED).`,
        );
      }
    },
  };
}

/**
 * `.aep-gitops/` in `home` (the config repository's folder, emulatorHome), made to ignore itself (a
 * `.gitignore` of `*`), so the emulator's state can never be committed with `git add -A`, whatever the
 * repository's own ignores say.
 */
function stateFolder(home: string): string {
  const folder = path.join(home, ".aep-gitops");
  mkdirSync(folder, { recursive: true });
  const ignore = path.join(folder, ".gitignore");
  if (!existsSync(ignore))
    writeFileSync(ignore, "# Local state of aep-gitops (the --emulator sandbox): never commit it.\n*\n");
  return folder;
}

// Where --emulator keeps its state (`.aep-gitops/`): with the configuration it stands in for, not in
// whatever folder the command was typed in. A command from `destinations/` must plan against the sandbox the
// one from the root applied to, not a fresh empty one that "adds" everything again. So: the tool
// config's folder (named with --config, or found from the working folder up, as every command finds it),
// else the repository root (the nearest folder with .git; outside Git, the working folder).
export function emulatorHome(cwd: string, configFile?: string): string {
  if (configFile) return path.dirname(path.resolve(cwd, configFile));
  const repository = Repository.around(cwd);
  return findConfigFolder(repository) ?? repository.root;
}
