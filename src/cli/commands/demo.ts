// aep-gitops demo: a guided tour on the embedded emulator, from a fresh clone, in under 30 seconds.
// Every step runs the real commands (in-process, through the same entry the CLI uses) against a real
// HTTP emulator; only the "person in Adobe's UI" step is scripted here, through the public API.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadDesired } from "../../config/load.js";
import { startEmulator } from "../../emulator/index.js";
import { ExitCode } from "../../errors.js";
import type { CliContext, Command } from "../context.js";
import { runCli } from "../main.js";
import { EMULATOR_IDENTITY } from "../workspace.js";

const USAGE = `usage: aep-gitops demo [dir]

Starts the embedded Flow Service emulator and walks through validate → plan → apply → plan (no changes)
→ an edit in "Adobe's UI" → drift with attribution → apply to restore. Uses examples/destinations by default.`;

export const demoCommand: Command = async (argv, ctx) => {
  if (argv.includes("--help") || argv.includes("-h")) {
    ctx.stdout.write(`${USAGE}\n`);
    return ExitCode.ok;
  }
  const folder = path.resolve(ctx.cwd, argv[0] ?? defaultExamples(ctx.cwd));
  const emulator = await startEmulator({ port: 0 });
  const say = (text: string) => ctx.stdout.write(`${text}\n`);
  try {
    // The examples refer to credentials as ${env:NAME}; the emulator accepts any value, so the demo
    // fills in obviously fake ones for whatever is not set.
    const { desired } = await loadDesired("prod", [folder]);
    const env: Record<string, string | undefined> = {
      ...ctx.env,
      AEP_CLIENT_ID: EMULATOR_IDENTITY.clientId,
      AEP_CLIENT_SECRET: EMULATOR_IDENTITY.clientSecret,
      AEP_ORG_ID: EMULATOR_IDENTITY.orgId,
      AEP_PLATFORM_URL: emulator.url,
      AEP_IMS_URL: emulator.url,
    };
    for (const account of desired.accounts) {
      for (const value of Object.values(account.credentials))
        if ("env" in value) env[value.env] ??= `demo-${value.env.toLowerCase()}`;
    }
    const run = async (title: string, args: string[], expected: number[]) => {
      say(`\n\x1b[1m━━ ${title}\x1b[0m\n$ aep-gitops ${args.join(" ")}\n`);
      const code = await runCli(args, { ...ctx, env, stdin: ctx.stdin });
      if (!expected.includes(code))
        throw new Error(`step '${title}' exited ${code}, expected ${expected.join(" or ")}`);
      return code;
    };
    const rel = path.relative(ctx.cwd, folder) || ".";
    say(`aep-gitops demo — a local Flow Service emulator is running at ${emulator.url} (nothing is sent to Adobe).`);
    await run("1. Validate the YAML", ["validate", rel], [0]);
    await run("2. Plan: everything is new", ["plan", rel], [2]);
    await run("3. Apply", ["apply", rel, "--yes"], [0]);
    await run("4. Plan again: nothing to do", ["plan", rel], [0]);

    const flowName = (desired.destinations.find((d) => d.state === "enabled") ?? desired.destinations[0])?.name;
    say(`\n\x1b[1m━━ 5. Someone edits '${flowName}' in Adobe's UI\x1b[0m\n`);
    say(await editAsUi(emulator.url, flowName ?? ""));
    await run("6. Drift: what changed outside Git, and who did it", ["drift", rel], [2]);
    await run("7. Apply restores the YAML's state", ["apply", rel, "--yes"], [0]);
    await run("8. And no drift is left", ["drift", rel], [0]);
    say(`\nDone. Try your own YAML safely with: aep-gitops plan <dir> --emulator`);
    return ExitCode.ok;
  } finally {
    await emulator.close();
  }
};

function defaultExamples(cwd: string): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  // Run from the repo (npm run demo) or from an installed package: the examples ship with both.
  return path.relative(cwd, path.resolve(here, "../examples/destinations"));
}

/** As a person would in the UI: drop the first audience and add an attribute, under the ui-editor client. */
async function editAsUi(url: string, flowName: string): Promise<string> {
  const token = (
    (await (
      await fetch(`${url}/ims/token/v3`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
          grant_type: "client_credentials",
          client_id: "ui-editor",
          client_secret: "ui-secret",
          scope: "openid",
        }),
      })
    ).json()) as { access_token: string }
  ).access_token;
  const headers = {
    authorization: `Bearer ${token}`,
    "x-api-key": "ui-editor",
    "x-gw-ims-org-id": EMULATOR_IDENTITY.orgId,
    "x-sandbox-name": "prod",
  };
  const base = `${url}/data/foundation/flowservice`;
  const list = (await (
    await fetch(`${base}/flows?property=name==${encodeURIComponent(flowName)}`, { headers })
  ).json()) as { items: { id: string; etag: string }[] };
  const flow = list.items[0];
  if (!flow) throw new Error(`the demo could not find flow '${flowName}'`);
  const ops = [
    { op: "remove", path: "/transformations/0/params/segmentSelectors/selectors/0" },
    {
      op: "add",
      path: "/transformations/0/params/profileSelectors/selectors/-",
      value: { type: "JSON_PATH", value: { path: "person.birthDayAndMonth" } },
    },
  ];
  const response = await fetch(`${base}/flows/${flow.id}`, {
    method: "PATCH",
    headers: { ...headers, "content-type": "application/json", "if-match": flow.etag },
    body: JSON.stringify(ops),
  });
  if (!response.ok) throw new Error(`the UI edit failed: ${response.status} ${await response.text()}`);
  return `ui-editor removed the first audience of '${flowName}' and added the attribute person.birthDayAndMonth (PATCH /flows/${flow.id} → ${response.status}).`;
}

export type { CliContext };
