// The executor fills `${env:NAME}` in credential params only: a reference anywhere else in a body (a
// name, a description, a JSON Patch value) goes to Adobe as the text it is, never as a secret.
import { describe, expect, it } from "vitest";
import { envReferences, fillEnv } from "../../src/reconcile/credentials.js";

const env = { AEP_CLIENT_SECRET: "the-apply-jobs-secret", KINESIS_KEY: "kinesis-secret" };

describe("filling credentials in at execution time", () => {
  it("fills a create's auth params, and nothing else of its body", () => {
    const body = {
      name: "${env:AEP_CLIENT_SECRET}",
      description: "${env:AEP_CLIENT_SECRET}",
      auth: { specName: "x", params: { secretKey: "${env:KINESIS_KEY}", region: "us-east-1" } },
    };
    expect(fillEnv(body, env)).toEqual({
      ...body,
      auth: { specName: "x", params: { secretKey: "kinesis-secret", region: "us-east-1" } },
    });
    expect(envReferences(body)).toEqual(["KINESIS_KEY"]);
  });

  it("fills a PATCH of /auth/params, and no other op's value", () => {
    const ops = [
      { op: "replace", path: "/name", value: "${env:AEP_CLIENT_SECRET}" },
      {
        op: "replace",
        path: "/transformations/0/params/segmentSelectors/selectors/0/value/name",
        value: "${env:AEP_CLIENT_SECRET}",
      },
      { op: "replace", path: "/auth/params", value: { secretKey: "${env:KINESIS_KEY}" } },
    ];
    const filled = fillEnv(ops, env);
    expect(filled[0]).toEqual(ops[0]);
    expect(filled[1]).toEqual(ops[1]);
    expect(filled[2]).toEqual({ op: "replace", path: "/auth/params", value: { secretKey: "kinesis-secret" } });
    expect(JSON.stringify(filled)).not.toContain("the-apply-jobs-secret");
    expect(envReferences(ops)).toEqual(["KINESIS_KEY"]);
  });

  it("fills no flow or target connection body at all", () => {
    const flow = { name: "${env:AEP_CLIENT_SECRET}", params: { stream: "${env:AEP_CLIENT_SECRET}" } };
    expect(fillEnv(flow, env)).toEqual(flow);
    expect(envReferences(flow)).toEqual([]);
  });
});
