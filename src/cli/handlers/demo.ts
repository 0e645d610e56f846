// What `aep-gitops demo` does (its declaration: commands/demo.ts).
import path from "node:path";
import { emulatorEnv } from "../../app/adobe.js";
import { packageRoot } from "../../app/package-root.js";
import { withIo, type Io } from "../../app/io.js";
import { HttpFlowService } from "../../aep/flow-service.js";
import { AepHttp } from "../../aep/http.js";
import { ImsTokenSource } from "../../aep/ims.js";
import { settingsFromEnv } from "../../aep/settings.js";
import { loadDesired } from "../../config/load.js";
import { Repository } from "../../config/repository.js";
import { colorEnabled } from "../../app/output.js";
import { ExitCode } from "../../errors.js";
import { paint } from "../../report/escape/ansi.js";
import { runCommandLine } from "../boundary.js";
import type { CommandSpec } from "../command.js";
import { applyCommand } from "../commands/apply.js";
import { driftCommand } from "../commands/drift.js";
import { planCommand } from "../commands/plan.js";
import { validateCommand } from "../commands/validate.js";

/** The commands the tour runs, each through the CLI's own parser and boundary. */
const STEPS = [validateCommand, planCommand, applyCommand, driftCommand];

/** The emulator's client that stands for a person in Adobe's UI (docs/emulator.md). */
const UI_CLIENT = { AEP_CLIENT_ID: "ui-editor", AEP_CLIENT_SECRET: "ui-secret" };

export const handle: CommandSpec["handle"] = (args, _options, io) => tour(args[0], io);
async function tour(dir: string | undefined, io: Io): Promise<number> {
  // A folder named on the command line is held to the repository, as every path is (repository.ts);
  // the package's own examples are toured from their folder, wherever the package is installed.
  let repository: Repository | undefined;
  let folder = path.join(packageRoot(import.meta.url), "examples/destinations");
  if (dir !== undefined) {
    repository = Repository.around(io.cwd);
    folder = repository.admit(dir, dir);
  }
  const stepIo = repository ? io : withIo(io, { cwd: folder });
  const { startEmulator } = await import("../../emulator/index.js");
  const emulator = await startEmulator({ port: 0 });
  const say = (text: string) => io.stdout.write(`${text}\n`);
  try {
    // The examples refer to credentials as ${env:NAME}; the emulator accepts any value, so the demo
    // fills in obviously fake ones for whatever is not set.
    const { desired } = await loadDesired("prod", [folder], { repository });
    const env = emulatorEnv(io.env, emulator.url);
    for (const account of desired.accounts) {
      for (const value of Object.values(account.credentials))
        if ("env" in value) env[value.env] ??= `demo-${value.env.toLowerCase()}`;
    }
    const bold = paint(colorEnabled(io)).bold;
    const run = async (title: string, args: string[], expected: number[]) => {
      say(`\n${bold(`━━ ${title}`)}\n$ aep-gitops ${args.join(" ")}\n`);
      const code = await runCommandLine(args, withIo(stepIo, { env }), STEPS);
      if (!expected.includes(code))
        throw new Error(`step '${title}' exited ${code}, expected ${expected.join(" or ")}`);
      return code;
    };
    const rel = path.relative(stepIo.cwd, folder) || ".";
    say(`aep-gitops demo — a local Flow Service emulator is running at ${emulator.url} (nothing is sent to Adobe).`);
    await run("1. Validate the YAML", ["validate", rel], [0]);
    await run("2. Plan: everything is new", ["plan", rel, "--detailed-exitcode"], [2]);
    await run("3. Apply", ["apply", rel, "--yes"], [0]);
    await run("4. Plan again: nothing to do", ["plan", rel, "--detailed-exitcode"], [0]);

    const flowName = (desired.destinations.find((d) => d.state === "enabled") ?? desired.destinations[0])?.name;
    say(`\n${bold(`━━ 5. Someone edits '${flowName}' in Adobe's UI`)}\n`);
    say(await editAsUi({ ...env, ...UI_CLIENT }, flowName ?? ""));
    await run("6. Drift: what changed outside Git, and who did it", ["drift", rel], [2]);
    await run("7. Apply restores the YAML's state", ["apply", rel, "--yes"], [0]);
    await run("8. And no drift is left", ["drift", rel], [0]);
    say(`\nDone. Try your own YAML safely with: aep-gitops plan <dir> --emulator`);
    return ExitCode.ok;
  } finally {
    await emulator.close();
  }
}

/** As a person would in the UI: drop the first audience and add an attribute. */
async function editAsUi(env: Io["env"], flowName: string): Promise<string> {
  const settings = settingsFromEnv(env);
  const flows = new HttpFlowService(new AepHttp(settings, new ImsTokenSource(settings)), "prod");
  const flow = (await flows.list("flows", [`name==${flowName}`]))[0] as { id: string; etag: string } | undefined;
  if (!flow) throw new Error(`the demo could not find flow '${flowName}'`);
  await flows.call("PATCH", `/flows/${flow.id}`, {
    ifMatch: flow.etag,
    body: [
      { op: "remove", path: "/transformations/0/params/segmentSelectors/selectors/0" },
      {
        op: "add",
        path: "/transformations/0/params/profileSelectors/selectors/-",
        value: { type: "JSON_PATH", value: { path: "person.birthDayAndMonth" } },
      },
    ],
  });
  return `ui-editor removed the first audience of '${flowName}' and added the attribute person.birthDayAndMonth (PATCH /flows/${flow.id}).`;
}
