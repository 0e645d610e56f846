// The event payload decides what the Action may do: which PR to comment on, and whether it came
// from a fork (no secrets, read-only token).
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readEvent } from "../../src/github/event.js";
import { pullRequestEvent, pushEvent, scheduleEvent, sha } from "../action/events.js";

const payloadFile = (payload: unknown) => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "event-")), "event.json");
  writeFileSync(file, JSON.stringify(payload));
  return file;
};

describe("pull_request events", () => {
  it("give the PR number, its head commit and branch, its author and the base commit it targets", () => {
    expect(readEvent("pull_request", payloadFile(pullRequestEvent(7, sha("a"))))).toEqual({
      kind: "pull_request",
      number: 7,
      headSha: sha("a"),
      headRef: "feature-7",
      author: "alice",
      baseSha: sha("0"),
      fromFork: false,
      htmlUrl: "https://github.com/acme/aep-config/pull/7",
    });
  });

  it("tell a fork's PR by its head repository", () => {
    expect(
      readEvent("pull_request", payloadFile(pullRequestEvent(7, sha("a"), { fork: "mallory/aep-config" }))),
    ).toMatchObject({ fromFork: true });
  });

  it("treat a PR whose fork was deleted as a fork", () => {
    const payload = pullRequestEvent(7, sha("a"));
    (payload.pull_request.head as { repo: unknown }).repo = null;
    expect(readEvent("pull_request", payloadFile(payload))).toMatchObject({ fromFork: true });
  });
});

describe("other events", () => {
  it("push gives the pushed commit, its ref and the default branch", () => {
    expect(readEvent("push", payloadFile(pushEvent(sha("b"))))).toEqual({
      kind: "push",
      sha: sha("b"),
      ref: "refs/heads/main",
      defaultBranch: "main",
    });
  });

  it("schedule and anything else are just named", () => {
    expect(readEvent("schedule", payloadFile(scheduleEvent()))).toEqual({ kind: "other", name: "schedule" });
  });

  it("an unreadable payload is a clear error", () => {
    expect(() => readEvent("push", "/nonexistent/event.json")).toThrow(/Could not read the event payload/);
  });
});
