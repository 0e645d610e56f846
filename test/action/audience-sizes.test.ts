// The pull request's plan comment says how many people start leaving (issue 25, item 1): each audience in
// its egress section with Adobe's size (or "size unknown"), and the sum per stream in words.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { kinesisAccount, kinesisDestination, MEN_OVER_50 } from "../support/lab.js";
import { pullRequestEvent, sha } from "./events.js";
import { startActionLab, type ActionLab } from "./harness.js";

// Seeded in the emulator: "Email engaged (30 days)" has no export metrics.
const EMAIL_ENGAGED = "eb764ff8-0e01-4af1-9304-9d442f0ed705";

let t: ActionLab;
beforeEach(async () => {
  t = await startActionLab();
  t.lab.write("destinations/account.yaml", kinesisAccount());
});
afterEach(() => t.close());

describe("the plan comment's egress section", () => {
  it("shows each audience's size, size unknown, and how many profiles start leaving for the stream", async () => {
    t.lab.write("destinations/crm.yaml", kinesisDestination("crm", { audiences: [MEN_OVER_50, EMAIL_ENGAGED] }));
    const pr = t.github.openPullRequest("crm export", sha("1"));
    const run = await t.run({
      command: "plan",
      eventName: "pull_request",
      payload: pullRequestEvent(pr, sha("1")),
      sha: sha("1"),
    });
    expect(run.code, run.stdout.slice(-2000)).toBe(0);
    const [comment] = t.github.comments(pr);
    const egress = comment!.body.slice(comment!.body.indexOf("### Data leaving the company"));
    expect(egress).toContain(`- ➕ audience **Men over 50** \`${MEN_OVER_50}\` — 1.2 M profiles\n`);
    expect(egress).toContain(`- ➕ audience **Email engaged (30 days)** \`${EMAIL_ENGAGED}\` — size unknown\n`);
    expect(egress).toContain(
      "- 👥 at least 1.2 M profiles start leaving for stream `crm-stream` (size of 1 audience unknown; Adobe backfills within about an hour)\n",
    );
  });
});
