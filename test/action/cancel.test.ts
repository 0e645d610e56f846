// A cancelled apply job: the runner sends SIGINT. The Action starts no new write, lets the calls in
// flight finish, releases the sandbox lock, says on the pull request what was done and records what is
// left; re-running the job then applies that remainder under the reviewed plan, without `force`.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { kinesisAccount, kinesisDestination } from "../support/lab.js";
import { pullRequestEvent, pushEvent, sha } from "./events.js";
import { startActionLab, type ActionLab } from "./harness.js";

const DESTINATIONS = 60;
let t: ActionLab;
beforeEach(async () => {
  t = await startActionLab();
  t.lab.write("destinations/account.yaml", kinesisAccount());
  for (let i = 0; i < DESTINATIONS; i++)
    t.lab.write(`destinations/dest-${i}.yaml`, kinesisDestination(`dest-${i}`, { description: `Team "${i}" & co` }));
});
afterEach(() => t.close());

describe("a cancelled apply job", () => {
  it("reports what it did, and its re-run finishes the reviewed plan without force", async () => {
    const pr = t.github.openPullRequest("sixty destinations", sha("1"));
    const planned = await t.run({
      command: "plan",
      eventName: "pull_request",
      payload: pullRequestEvent(pr, sha("1")),
      sha: sha("1"),
    });
    expect(planned.code, planned.stdout).toBe(0);
    t.github.mergePullRequest(pr, sha("2"));

    await t.lab.faults({ latencyMs: 15 });
    const apply = () =>
      t.run({
        command: "apply",
        eventName: "push",
        payload: pushEvent(sha("2")),
        sha: sha("2"),
        started: (child) => {
          // Cancel once the first flow exists, as a person pressing "Cancel workflow" would.
          const poll = setInterval(() => {
            void t.lab.writes().then((writes) => {
              if (!writes.some((w) => w.method === "POST" && /\/flows$/.test(w.path))) return;
              clearInterval(poll);
              child.kill("SIGINT");
            });
          }, 10);
        },
      });
    const cancelled = await apply();
    expect(cancelled.code).toBe(130);
    expect(cancelled.stdout).toMatch(/::warning title=aep-gitops%3A cancelled::Interrupt received \(SIGINT\)/);
    const result = t.github.comments(pr).at(-1)!.body;
    expect(result).toContain("This job was cancelled (SIGINT)");
    expect(result).toMatch(/<!-- aep-gitops:continue sha=2{40} checksum=[0-9a-f]{64} -->\n?$/);

    await t.lab.faults({});
    const rerun = await t.run({ command: "apply", eventName: "push", payload: pushEvent(sha("2")), sha: sha("2") });
    expect(rerun.code, rerun.stdout).toBe(0);
    expect(rerun.stdout).not.toContain("forced");
    const noop = await t.lab.cli(["plan", "--detailed-exitcode"]);
    expect(noop.code).toBe(0);
  }, 60_000);

  it("after a partial failure (selector PATCHes refused), re-runs into the reviewed plan's remainder without force", async () => {
    const pr = t.github.openPullRequest("sixty destinations", sha("1"));
    const planned = await t.run({
      command: "plan",
      eventName: "pull_request",
      payload: pullRequestEvent(pr, sha("1")),
      sha: sha("1"),
    });
    expect(planned.code, planned.stdout).toBe(0);
    t.github.mergePullRequest(pr, sha("2"));
    await t.lab.faults({
      scripted: [
        {
          method: "PATCH",
          route: "/flows/{id}",
          nth: 20,
          from: true,
          action: { type: "status", status: 400, body: { code: "FLOW-1451-400", message: "refused" } },
        },
      ],
    });
    const apply = () => t.run({ command: "apply", eventName: "push", payload: pushEvent(sha("2")), sha: sha("2") });
    const partial = await apply();
    expect(partial.code).toBe(1);
    expect(t.github.comments(pr).at(-1)!.body).toMatch(/<!-- aep-gitops:continue sha=2{40} checksum=[0-9a-f]{64} -->/);
    await t.lab.faults({});
    const rerun = await apply();
    expect(rerun.code, rerun.stdout).toBe(0);
    expect((await t.lab.cli(["plan", "--detailed-exitcode"])).code).toBe(0);
  }, 60_000);
});
