// Safety rails on a finished plan: an empty YAML never reads as "delete everything", too many changes
// at once are refused unless forced, Adobe's destinations-per-sandbox guardrail warns (or refuses with
// --strict), and a name taken by someone else's object is refused. Every refusal says what tripped it
// and how to override it. End to end: test/cli/safety.test.ts, test/cli/guardrails.test.ts.
import { describe, expect, it } from "vitest";
import { DesiredBuilder, LiveBuilder, desired, live, planOf, steps } from "./builders.js";

/** n destinations on one account, in the YAML and in Adobe alike: 1 + 2n managed objects, n + 1 identities. */
function fleet(n: number): { yaml: DesiredBuilder; adobe: LiveBuilder; names: string[] } {
  const names = Array.from({ length: n }, (_, i) => `d${i}`);
  const yaml = desired().account("kin");
  const adobe = live().account("kin");
  return { yaml, adobe, names };
}

/** The fleet with the first `changed` destinations' descriptions edited in YAML. */
function edited(n: number, changed: number) {
  const { yaml, adobe, names } = fleet(n);
  names.forEach((name, i) => {
    yaml.destination(name, i < changed ? { description: "edited" } : {});
    adobe.destination(name);
  });
  return { yaml, adobe };
}

describe("the empty-YAML rail", () => {
  it("refuses a sandbox whose YAML declares nothing while aep-gitops manages objects there", () => {
    const plan = planOf(desired(), live().account("kin").destination("sales"), { prune: true });
    expect(plan.refusals).toEqual([
      {
        rule: "empty-desired",
        message:
          "Sandbox 'prod' has no destinations or accounts in YAML (destinations/), but aep-gitops manages 3 live objects there.",
        hint: "Check the folder for the sandbox. If emptying the sandbox is intended, re-run with --allow-empty (or set allowEmpty: true).",
      },
    ]);
  });

  it("names every folder the YAML was read from, or says there was none", () => {
    const adobe = live().account("kin");
    expect(planOf(desired("prod", ["a/", "b/"]), adobe).refusals[0]!.message).toContain("in YAML (a/, b/)");
    expect(planOf(desired("prod", []), adobe).refusals[0]!.message).toContain("in YAML (no paths)");
  });

  it("lets an intended emptying through with allowEmpty, pruning everything", () => {
    const plan = planOf(desired(), live().account("kin").destination("sales"), { prune: true, allowEmpty: true });
    expect(plan.refusals).toEqual([]);
    expect(steps(plan)).toEqual(["delete flow/sales", "delete target/sales", "delete account/kin"]);
  });

  it("does not trip on an empty YAML for an empty sandbox, nor on a YAML that declares only an account", () => {
    expect(planOf(desired(), live()).refusals).toEqual([]);
    expect(planOf(desired().account("kin"), live().account("kin").destination("gone")).refusals).toEqual([]);
  });
});

describe("the change guard", () => {
  it("refuses updating more than maxChangePercent of the managed destinations and accounts", () => {
    const { yaml, adobe } = edited(10, 4);
    expect(planOf(yaml, adobe).refusals).toEqual([
      {
        rule: "max-change",
        message:
          "Too many changes: 36.36% of the destinations and accounts aep-gitops manages in sandbox 'prod' would be updated or deleted (4/11), over maxChangePercent 30.00%.",
        hint: "Review the plan, then re-run with --force, or raise maxChangePercent in the tool config.",
      },
    ]);
  });

  it("lets up to maxChangePercent through", () => {
    const { yaml, adobe } = edited(10, 3);
    expect(planOf(yaml, adobe).refusals).toEqual([]);
  });

  it("is overridden by --force or a higher maxChangePercent", () => {
    const { yaml, adobe } = edited(10, 4);
    expect(planOf(yaml, adobe, { force: true }).refusals).toEqual([]);
    expect(planOf(yaml, adobe, { maxChangePercent: 40 }).refusals).toEqual([]);
  });

  it("does not apply below minResourcesForThreshold managed objects", () => {
    const { yaml, adobe } = edited(3, 3); // 7 managed objects
    expect(planOf(yaml, adobe).refusals).toEqual([]);
    expect(planOf(yaml, adobe, { minResourcesForThreshold: 7 }).refusals.map((r) => r.rule)).toEqual(["max-change"]);
  });

  it("counts a destination once, whether its flow, its target connection or both change", () => {
    const { yaml, adobe, names } = fleet(10);
    names.forEach((name, i) => {
      yaml.destination(name, i < 3 ? { description: "edited", target: { stream: "moved", region: "us-east-1" } } : {});
      adobe.destination(name);
    });
    const plan = planOf(yaml, adobe);
    expect(plan.changes).toHaveLength(6);
    expect(plan.refusals).toEqual([]);
  });

  it("counts deletes of pruned destinations, and not orphans left in place", () => {
    const { yaml, adobe, names } = fleet(10);
    names.forEach((name, i) => {
      if (i >= 4) yaml.destination(name);
      adobe.destination(name);
    });
    expect(planOf(yaml, adobe, { prune: true }).refusals.map((r) => r.message)).toEqual([
      expect.stringContaining("(4/11)"),
    ]);
    expect(planOf(yaml, adobe).refusals).toEqual([]);
  });

  it("does not count creates, duplicates removed, or adoptions", () => {
    const { yaml, adobe, names } = fleet(10);
    for (const name of names) {
      yaml.destination(name);
      adobe.destination(name).flow(name, { flow: { id: `flow-${name}-twin` } });
      yaml.destination(`new-${name}`);
      yaml.destination(`ui-${name}`, { adoptId: `flow-ui-${name}` });
      adobe.destination(`ui-${name}`, { unmanaged: true });
    }
    const plan = planOf(yaml, adobe);
    expect(plan.changes.filter((c) => c.action === "delete")).toHaveLength(10);
    expect(plan.changes.filter((c) => c.action === "adopt")).toHaveLength(20);
    expect(plan.changes.filter((c) => c.action === "create")).toHaveLength(20);
    expect(plan.refusals).toEqual([]);
  });

  it("does not count renames in place (they move no data)", () => {
    const { yaml, adobe, names } = fleet(10);
    names.forEach((name, i) => {
      yaml.destination(i < 5 ? `${name}-renamed` : name, {
        ...(i < 5 ? { renamedFrom: name } : {}),
        target: { stream: `${name}-stream`, region: "us-east-1" },
      });
      adobe.destination(name);
    });
    const plan = planOf(yaml, adobe);
    expect(plan.changes.filter((c) => c.action === "rename")).toHaveLength(10);
    expect(plan.refusals).toEqual([]);
  });

  // A rename or an adoption that also changes the object is an update like any other.
  it("counts a rename that also changes what the destination exports", () => {
    const { yaml, adobe, names } = fleet(10);
    names.forEach((name, i) => {
      yaml.destination(i < 5 ? `${name}-renamed` : name, {
        ...(i < 5 ? { renamedFrom: name, audiences: [] } : {}),
        target: { stream: `${name}-stream`, region: "us-east-1" },
      });
      adobe.destination(name);
    });
    expect(planOf(yaml, adobe).refusals.map((r) => r.rule)).toEqual(["max-change"]);
  });

  it("counts an adoption that also changes what the UI-made destination exports", () => {
    const { yaml, adobe, names } = fleet(10);
    for (const name of names) {
      yaml.destination(name);
      adobe.destination(name);
      yaml.destination(`ui-${name}`, { adoptId: `flow-ui-${name}`, audiences: [] });
      adobe.destination(`ui-${name}`, { unmanaged: true });
    }
    const plan = planOf(yaml, adobe);
    expect(plan.changes.filter((c) => c.action === "adopt").length).toBeGreaterThan(0);
    expect(plan.refusals.map((r) => r.rule)).toEqual(["max-change"]);
  });
});

describe("Adobe's guardrail of 100 destinations per sandbox", () => {
  /** 5 managed destinations (a sixth in YAML only) beside 95 made in the UI. */
  function crowded() {
    const yaml = desired().account("kin");
    const adobe = live().account("kin");
    for (let i = 0; i < 5; i++) {
      yaml.destination(`d${i}`);
      adobe.destination(`d${i}`);
    }
    for (let i = 0; i < 95; i++) adobe.flow(`ui-${i}`, { unmanaged: true });
    return { yaml, adobe };
  }

  it("is a warning when the plan would take the sandbox over it, counting destinations it does not manage", () => {
    const { yaml, adobe } = crowded();
    const plan = planOf(yaml.destination("d5"), adobe);
    expect(plan.refusals).toEqual([]);
    expect(plan.notes).toEqual([
      {
        level: "warning",
        message:
          "Sandbox 'prod' would hold 101 destinations (95 not managed by aep-gitops), over Adobe's guardrail of 100 per sandbox.",
      },
    ]);
  });

  it("is a refusal with --strict", () => {
    const { yaml, adobe } = crowded();
    const plan = planOf(yaml.destination("d5"), adobe, { strict: true });
    expect(plan.notes).toEqual([]);
    expect(plan.refusals).toEqual([
      {
        rule: "guardrail",
        message:
          "Sandbox 'prod' would hold 101 destinations (95 not managed by aep-gitops), over Adobe's guardrail of 100 per sandbox.",
        hint: "Remove destinations, ask Adobe to raise the limit, or run without --strict to treat guardrails as warnings.",
      },
    ]);
  });

  it("is not reached at exactly 100, nor when the plan deletes as many as it creates", () => {
    const { yaml, adobe } = crowded();
    expect(planOf(yaml, adobe, { strict: true }).refusals).toEqual([]);
    const swap = desired().account("kin");
    for (const name of ["d0", "d1", "d2", "d3", "d5"]) swap.destination(name);
    expect(planOf(swap, adobe, { strict: true, prune: true }).refusals).toEqual([]);
  });
});

describe("someone else's object with a YAML name", () => {
  it("is refused for a UI-made flow carrying the destination's displayName, and nothing is created for it", () => {
    const plan = planOf(
      desired().account("kin").destination("summer", { displayName: "Summer Campaign (EU)" }),
      live()
        .account("kin")
        .flow("ui", { unmanaged: true, flow: { id: "flow-ui", name: "Summer Campaign (EU)" } }),
    );
    expect(plan.changes).toEqual([]);
    expect(plan.refusals.map((r) => r.message)).toEqual([
      "A destination dataflow named 'summer' already exists in sandbox 'prod' (flow flow-ui) and was not created by aep-gitops.",
    ]);
  });
});
