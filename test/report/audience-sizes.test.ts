// Audience sizes in words: numbers the same on every machine, "size unknown" where Adobe gave none, and
// the sentence per destination and direction.
import { describe, expect, it } from "vitest";
import type { EgressDelta } from "../../src/domain/plan/plan.js";
import { formatCount, sizeSentences, sizeText } from "../../src/report/plan/audience-sizes.js";

const quote = (s: string) => JSON.stringify(s);

function delta(over: Partial<EgressDelta>): EgressDelta {
  return {
    destination: "crm",
    type: "amazon-kinesis",
    status: "changed",
    audiencesAdded: [],
    audiencesRemoved: [],
    attributesAdded: [],
    attributesRemoved: [],
    targetName: "crm-churn",
    ...over,
  };
}

describe("audience sizes in words", () => {
  it("formats counts without the locale: grouped below a million, then M and B with one decimal", () => {
    expect(
      [0, 1, 999, 12_345, 999_949, 999_950, 1_000_000, 1_184_302, 12_960_000, 999_960_000, 2_500_000_000].map(
        formatCount,
      ),
    ).toEqual(["0", "1", "999", "12,345", "999,949", "999,950", "1 M", "1.2 M", "13 M", "1 B", "2.5 B"]);
  });

  it("says size unknown where Adobe gave no figure", () => {
    expect(sizeText({})).toBe("size unknown");
    expect(sizeText({ profiles: 1 })).toBe("1 profile");
    expect(sizeText({ profiles: 0 })).toBe("0 profiles");
  });

  it("sums what starts leaving, with Adobe's backfill, and what stops", () => {
    const sentences = sizeSentences(
      delta({
        audiencesAdded: [
          { id: "a", profiles: 1_000_000 },
          { id: "b", profiles: 184_302 },
        ],
        audiencesRemoved: [{ id: "c", profiles: 12_345 }],
      }),
      quote,
    );
    expect(sentences).toEqual([
      '≈ 1.2 M profiles start leaving for stream "crm-churn" (Adobe backfills within about an hour)',
      '≈ 12,345 profiles stop leaving for stream "crm-churn"',
    ]);
  });

  it("says at least N where some sizes are unknown, and an unknown number where all are", () => {
    expect(
      sizeSentences(delta({ audiencesAdded: [{ id: "a", profiles: 1_500 }, { id: "b" }, { id: "c" }] }), quote),
    ).toEqual([
      'at least 1,500 profiles start leaving for stream "crm-churn" (sizes of 2 audiences unknown; Adobe backfills within about an hour)',
    ]);
    expect(sizeSentences(delta({ audiencesRemoved: [{ id: "a" }] }), quote)).toEqual([
      'an unknown number of profiles stop leaving for stream "crm-churn" (size of 1 audience unknown)',
    ]);
  });

  it("names an event hub as such, and says once it is enabled for a destination created disabled", () => {
    const hub = delta({
      type: "azure-event-hubs",
      targetName: "orders",
      state: { after: "disabled" },
      audiencesAdded: [{ id: "a", profiles: 1 }],
    });
    expect(sizeSentences(hub, quote)).toEqual([
      '≈ 1 profile starts leaving for event hub "orders" once it is enabled (Adobe backfills within about an hour)',
    ]);
  });
});
