// The small helpers behind the messages: typo suggestions and environment-reference advice.
import { describe, expect, it } from "vitest";
import { didYouMean, editDistance } from "../../src/domain/match/did-you-mean.js";
import { envReferenceName, looksLikeEnvReference, repairEnvReference } from "../../src/domain/checks/env-reference.js";
import { suggestedVariable } from "../../src/domain/checks/env-names.js";

describe("did you mean", () => {
  it("suggests the closest field for a plausible typo", () => {
    expect(didYouMean("strem", ["stream", "region"])).toBe("stream");
    expect(didYouMean("Destination", ["Account", "Destination"])).toBe("Destination");
    expect(didYouMean("amazon-kinesys", ["amazon-kinesis", "azure-event-hubs"])).toBe("amazon-kinesis");
  });

  it("suggests nothing for a different word", () => {
    expect(didYouMean("foo", ["stream", "region"])).toBeUndefined();
    expect(didYouMean("x", [])).toBeUndefined();
  });

  it("counts a swap of two letters as one edit", () => {
    expect(editDistance("stream", "straem")).toBe(1);
  });
});

describe("environment references", () => {
  it("accepts only ${env:NAME} as the whole value", () => {
    expect(envReferenceName("${env:KINESIS_SECRET}")).toBe("KINESIS_SECRET");
    expect(envReferenceName("x${env:KINESIS_SECRET}")).toBeUndefined();
    expect(envReferenceName("${env:1BAD}")).toBeUndefined();
  });

  it("recognises attempted references", () => {
    for (const value of ["$SECRET", "${SECRET}", "${ENV:SECRET}", "acme-${env:STAGE}"])
      expect(looksLikeEnvReference(value)).toBe(true);
    expect(looksLikeEnvReference("us-east-1")).toBe(false);
  });

  it("repairs references whose variable name is explicit, and nothing else", () => {
    expect(repairEnvReference("${KINESIS_SECRET}")).toBe("${env:KINESIS_SECRET}");
    expect(repairEnvReference("${ENV:KINESIS_SECRET}")).toBe("${env:KINESIS_SECRET}");
    expect(repairEnvReference("$env:KINESIS_SECRET")).toBe("${env:KINESIS_SECRET}");
    expect(repairEnvReference("${ env.KINESIS_SECRET }")).toBe("${env:KINESIS_SECRET}");
    // A bare $… may be the secret itself: never echoed back.
    expect(repairEnvReference("$KINESIS_SECRET")).toBeUndefined();
  });

  it("suggests ACCOUNT_FIELD variable names", () => {
    expect(suggestedVariable("kinesis-marketing", "secretKey")).toBe("KINESIS_MARKETING_SECRET_KEY");
    expect(suggestedVariable("event-hubs-analytics", "sasKey")).toBe("EVENT_HUBS_ANALYTICS_SAS_KEY");
    expect(suggestedVariable("prod2", "accessKeyId")).toBe("PROD2_ACCESS_KEY_ID");
  });
});
