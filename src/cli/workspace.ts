// Turns a command line into what the orchestrator needs: the desired state of each sandbox (validated,
// or the run stops with every problem listed), and a Flow Service client per sandbox: Adobe's, or the
// embedded emulator's with --emulator.
import path from "node:path";
import { AepHttp } from "../aep/http.js";
import { HttpFlowService } from "../aep/flow-service.js";
import { ImsTokenSource } from "../aep/ims.js";
import { HttpAudiences } from "../aep/segments.js";
import { settingsFromEnv, type AepSettings } from "../aep/settings.js";
import { formatProblemsText } from "../config/format-problems.js";
import { hasErrors, loadDesired } from "../config/load.js";
import { secretFields } from "../domain/destination-types/index.js";
import { loadToolConfig, type ToolConfig } from "../config/tool-config.js";
import type { DesiredSandbox } from "../domain/desired.js";
import type { Problem } from "../domain/problem.js";
import { startEmulator } from "../emulator/index.js";
import { AppError } from "../errors.js";
import { secretValues } from "../reconcile/fingerprint.js";
import type { SandboxTarget } from "../reconcile/reconcile.js";
import type { CliContext } from "./context.js";
import type { Output } from "./output.js";

export interface WorkspaceFlags {
  config?: string | undefined;
  sandbox?: string | undefined;
  emulator?: boolean | undefined;
  /** Adobe's soft guardrails (audiences and attributes per flow, destinations per sandbox) become errors. */
  strict?: boolean | undefined;
}

export interface Workspace {
  tool: ToolConfig;
  desired: DesiredSandbox[];
  targets: SandboxTarget[];
  settings: AepSettings;
  http: AepHttp;
  env: Record<string, string | undefined>;
  close(): Promise<void>;
}

/** The emulator's demo identity (see docs/emulator.md): what --emulator signs in as. */
export const EMULATOR_IDENTITY = {
  clientId: "demo-client",
  clientSecret: "demo-secret",
  orgId: "DEMOORG0000000000000000@AdobeOrg",
};

export async function loadDesiredSandboxes(paths: string[], flags: WorkspaceFlags, ctx: CliContext, output: Output) {
  const tool = await loadToolConfig({
    cwd: ctx.cwd,
    env: ctx.env,
    ...(flags.config ? { configFile: flags.config } : {}),
  });
  let sandboxes = tool.sandboxes;
  if (paths.length > 0) {
    // As validate does with paths: --sandbox, else $AEP_SANDBOX (never silently the first configured
    // sandbox when the environment names another one), else the first configured sandbox.
    sandboxes = [
      {
        name: flags.sandbox ?? (ctx.env.AEP_SANDBOX || sandboxes[0]?.name || "prod"),
        paths: paths.map((p) => path.resolve(ctx.cwd, p)),
      },
    ];
  } else if (flags.sandbox) {
    sandboxes = sandboxes.filter((s) => s.name === flags.sandbox);
    if (sandboxes.length === 0)
      throw new AppError(
        "usage",
        `Sandbox '${flags.sandbox}' is not in the tool config (${tool.configFile ?? "defaults"}).`,
      );
  }
  const loaded = await Promise.all(sandboxes.map((s) => loadDesired(s.name, s.paths)));
  const problems = loaded
    .flatMap((l) => l.problems)
    .map((p) => (flags.strict && p.rule.startsWith("guardrail-") ? { ...p, severity: "error" as const } : p));
  if (problems.length > 0) output.err(formatProblemsText(problems, ctx.cwd));
  if (hasErrors(problems)) {
    throw new AppError("config", "The configuration is invalid; nothing was read from or sent to Adobe.", {
      hint: "Fix the problems above (aep-gitops validate lists them).",
    });
  }
  return { tool, desired: loaded.map((l) => l.desired) };
}

export interface Adobe {
  settings: AepSettings;
  http: AepHttp;
  env: Record<string, string | undefined>;
  port(sandbox: string): HttpFlowService;
  audiences(sandbox: string): HttpAudiences;
  close(): Promise<void>;
}

/** A Flow Service connection: Adobe's (settings from the environment) or the embedded emulator's. */
export async function openAdobe(flags: WorkspaceFlags, ctx: CliContext, output: Output): Promise<Adobe> {
  let env = ctx.env;
  let close = async () => {};
  if (flags.emulator) {
    const statePath = path.resolve(ctx.cwd, ".aep-gitops/emulator-state.json");
    const emulator = await startEmulator({ port: 0, statePath });
    output.err(
      `Using the embedded Flow Service emulator at ${emulator.url} (state in ${path.relative(ctx.cwd, statePath)}); nothing is sent to Adobe.`,
    );
    env = {
      ...ctx.env,
      AEP_CLIENT_ID: EMULATOR_IDENTITY.clientId,
      AEP_CLIENT_SECRET: EMULATOR_IDENTITY.clientSecret,
      AEP_ORG_ID: EMULATOR_IDENTITY.orgId,
      AEP_PLATFORM_URL: emulator.url,
      AEP_IMS_URL: emulator.url,
    };
    close = () => emulator.close();
  }
  const settings = settingsFromEnv(env);
  output.addSecrets([settings.clientSecret]);
  const http = new AepHttp(settings, new ImsTokenSource(settings));
  return {
    settings,
    http,
    env,
    port: (sandbox) => new HttpFlowService(http, sandbox),
    audiences: (sandbox) => new HttpAudiences(http, sandbox),
    close,
  };
}

export async function openWorkspace(
  paths: string[],
  flags: WorkspaceFlags,
  ctx: CliContext,
  output: Output,
): Promise<Workspace> {
  const { tool, desired } = await loadDesiredSandboxes(paths, flags, ctx, output);
  const adobe = await openAdobe(flags, ctx, output);
  output.addSecrets(
    secretValues(
      desired.flatMap((d) => d.accounts),
      adobe.env,
      (a) => secretFields(a.type),
    ),
  );
  const targets = desired.map((d) => ({
    desired: d,
    port: adobe.port(d.sandbox),
    audiences: adobe.audiences(d.sandbox),
  }));
  return { tool, desired, targets, settings: adobe.settings, http: adobe.http, env: adobe.env, close: adobe.close };
}

/** Prints problems found against the live sandbox; true when any is an error (the run must stop). */
export function reportLiveProblems(problems: Problem[], ctx: CliContext, output: Output): boolean {
  if (problems.length > 0) output.err(formatProblemsText(problems, ctx.cwd));
  return hasErrors(problems);
}
