// Inputs arrive as the runner passes them: INPUT_<NAME>, upper-cased, hyphens kept.
import { describe, expect, it } from "vitest";
import { readInputs } from "../../src/action/inputs.js";
import { renderPlanMarkdown } from "../../src/report/plan/markdown.js";
import { markersFor } from "../../src/report/comments/markers.js";
import { noChangePlan } from "../report/scenarios.js";

describe("inputs", () => {
  it("are read from INPUT_* with action.yml's names, hyphens included", () => {
    expect(
      readInputs({
        INPUT_COMMAND: "apply",
        "INPUT_GITHUB-TOKEN": "t",
        INPUT_SANDBOX: "prod",
        INPUT_FORCE: "True",
        INPUT_PRUNE: "false",
        "INPUT_FAIL-ON-DRIFT": "",
      }),
    ).toEqual({
      command: "apply",
      githubToken: "t",
      sandbox: "prod",
      force: true,
      prune: false,
      failOnDrift: false,
      driftPr: false,
      health: "report",
      secrets: "required",
    });
  });

  it("refuse a health mode other than ignore, report or fail", () => {
    expect(readInputs({ INPUT_COMMAND: "drift", INPUT_HEALTH: "fail" }).health).toBe("fail");
    expect(() => readInputs({ INPUT_COMMAND: "drift", INPUT_HEALTH: "loud" })).toThrow(
      "Input 'health' must be ignore, report or fail, not 'loud'.",
    );
  });

  it("treat empty strings (action.yml's defaults) as not set", () => {
    expect(readInputs({ INPUT_COMMAND: "plan", INPUT_CONFIG: "", INPUT_SANDBOX: " " })).toEqual({
      command: "plan",
      force: false,
      prune: false,
      failOnDrift: false,
      driftPr: false,
      health: "report",
      secrets: "optional",
    });
  });

  it("take the Action's login for a GitHub App's token, and refuse what is not a login", () => {
    expect(readInputs({ INPUT_COMMAND: "plan", "INPUT_COMMENT-AUTHOR": "aep-app[bot]" }).commentAuthor).toBe(
      "aep-app[bot]",
    );
    expect(() => readInputs({ INPUT_COMMAND: "plan", "INPUT_COMMENT-AUTHOR": "anyone at all" })).toThrow(
      "Input 'comment-author' must be a GitHub login such as my-app[bot], not 'anyone at all'.",
    );
  });

  it("refuse a missing command", () => {
    expect(() => readInputs({})).toThrow("Input 'command' must be one of plan, apply, drift (it is not set).");
  });
});

describe("markers", () => {
  it("are the report layer's own without a sandbox, and scoped with one, so matrix jobs never collide", () => {
    expect(markersFor(undefined).plan).toBe("<!-- aep-gitops:plan -->");
    expect(markersFor("prod").plan).toBe("<!-- aep-gitops:plan sandbox=prod -->");
    expect(markersFor("a-->b").incident).toBe("<!-- aep-gitops:incident sandbox=a--%3Eb -->");
  });

  it("are written by the renderer on the first line, instead of the plain one", () => {
    const out = renderPlanMarkdown(noChangePlan(), { marker: markersFor("dev").plan });
    expect(out.split("\n").slice(0, 2)).toEqual(["<!-- aep-gitops:plan sandbox=dev -->", "## aep-gitops plan"]);
    expect(out).not.toContain("<!-- aep-gitops:plan -->");
  });
});
