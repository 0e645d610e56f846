// The desired state knows where every audience, attribute and target param is written, but finding a
// place parses the file with yaml: a plan that reports nothing must never pay for it. So each place is
// looked up when its line or column is first read, once, and the file name needs no look-up at all.
import { describe, expect, it } from "vitest";
import type { Anchor, Locator, Path } from "../../src/domain/checks/document.js";
import type { SourceLocation } from "../../src/domain/state/desired.js";
import { toDesiredDestination } from "../../src/config/to-desired.js";

/** A Locator that answers line = number of look-ups so far, and counts them. */
class CountingLocator implements Locator {
  asked: string[] = [];
  at(path: Path, anchor: Anchor = "value"): SourceLocation {
    this.asked.push(`${path.join(".")}:${anchor}`);
    return { file: "dest.yaml", line: this.asked.length, column: 3 };
  }
}

function destination(locator: Locator) {
  return toDesiredDestination({
    file: "dest.yaml",
    locator,
    kind: "Destination",
    type: "amazon-kinesis",
    name: "sales",
    valid: true,
    value: {
      apiVersion: "aep-gitops/v1",
      kind: "Destination",
      name: "sales",
      type: "amazon-kinesis",
      account: "kin",
      target: { stream: "s", region: "us-east-1" },
      audiences: [{ id: "a1" }, { name: "Sales & Marketing" }],
      profileAttributes: ["person.name.firstName"],
      marketingActions: ["core/exportToThirdParty"],
    },
  });
}

describe("the desired state's places", () => {
  it("are not looked up when the desired state is built", () => {
    const locator = new CountingLocator();
    const built = destination(locator);
    expect(built.audiences).toHaveLength(2);
    expect(built.source.file).toBe("dest.yaml");
    expect(built.audiences[1]!.source.file).toBe("dest.yaml");
    expect(locator.asked).toEqual([]);
  });

  it("are looked up once each, when a line or column is first read", () => {
    const locator = new CountingLocator();
    const built = destination(locator);
    const second = built.audiences[1]!.source;
    expect(second.line).toBe(1);
    expect(second.column).toBe(3);
    expect(second.line).toBe(1);
    expect(built.targetSources!.stream!.line).toBe(2);
    expect(locator.asked).toEqual(["audiences.1:value", "target.stream:key"]);
    expect({ ...built.profileAttributes[0]!.source }).toEqual({ file: "dest.yaml", line: 3, column: 3 });
  });
});
