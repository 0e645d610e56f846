// import's credentials: a reference only where the value is secret (the sandbox's spec says, else the
// registry) or cannot be read, and never a variable validate refuses.
import { describe, expect, it } from "vitest";
import { specSecretFields } from "../../src/domain/checks/connection-spec.js";
import { reservedVariable } from "../../src/domain/checks/env-names.js";
import { importFromLive } from "../../src/domain/operate/import.js";
import type { LiveSandbox } from "../../src/domain/state/live.js";
import { liveAccount, liveFlow, liveTarget } from "./builders.js";

const KINESIS_AUTH = "Aws Kinesis authentication credentials";

function sandbox(accountName: string, authParams: Record<string, unknown>): LiveSandbox {
  return {
    sandbox: "prod",
    connections: [liveAccount(accountName, { id: "conn-ui", owner: undefined, authParams })],
    targetConnections: [liveTarget("ui", { owner: undefined, baseConnectionId: "conn-ui" })],
    flows: [liveFlow("ui", { owner: undefined })],
  };
}

const READABLE = { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretKey: "***", region: "eu-west-1" };

function credentials(live: LiveSandbox, secrets?: Set<string>) {
  const result = importFromLive(live, undefined, () => secrets);
  return { credentials: result.accounts[0]!.credentials, envNames: result.envNames };
}

describe("import's credentials", () => {
  it("writes what Adobe shows as it is, and a reference only for the fields the sandbox's spec marks secret", () => {
    expect(credentials(sandbox("marketing", READABLE), new Set(["secretKey"]))).toEqual({
      credentials: {
        accessKeyId: "AKIAIOSFODNN7EXAMPLE",
        secretKey: "${env:MARKETING_SECRET_KEY}",
        region: "eu-west-1",
      },
      envNames: ["MARKETING_SECRET_KEY"],
    });
    // A sandbox whose spec also marks the key id secret gets a reference for it.
    expect(credentials(sandbox("marketing", READABLE), new Set(["secretKey", "accessKeyId"])).credentials).toEqual({
      accessKeyId: "${env:MARKETING_ACCESS_KEY_ID}",
      secretKey: "${env:MARKETING_SECRET_KEY}",
      region: "eu-west-1",
    });
  });

  it("falls back to the registry's secrets without a spec, and never writes a write-only field as a value", () => {
    const exposed = { ...READABLE, secretKey: "readable-for-some-reason" };
    for (const secrets of [undefined, new Set<string>()]) {
      expect(credentials(sandbox("marketing", exposed), secrets).credentials).toEqual({
        accessKeyId: "AKIAIOSFODNN7EXAMPLE",
        secretKey: "${env:MARKETING_SECRET_KEY}",
        region: "eu-west-1",
      });
    }
  });

  it("refers to what comes back masked, missing or with a '$' the YAML would read as a reference", () => {
    const odd = { accessKeyId: "AKIA****", secretKey: "***", region: "${region}" };
    expect(credentials(sandbox("marketing", odd)).credentials).toEqual({
      accessKeyId: "${env:MARKETING_ACCESS_KEY_ID}",
      secretKey: "${env:MARKETING_SECRET_KEY}",
      region: "${env:MARKETING_REGION}",
    });
    expect(credentials(sandbox("marketing", {})).envNames).toHaveLength(3);
  });

  it("never names a variable validate refuses", () => {
    for (const name of ["github", "aep-client", "aep-gitops", "runner", "1password"]) {
      const { envNames } = credentials(sandbox(name, {}));
      expect(envNames.map((env) => [env, reservedVariable(env)])).toEqual(envNames.map((env) => [env, undefined]));
      for (const env of envNames) expect(env).toMatch(/^[A-Z_][A-Z0-9_]*$/);
    }
  });
});

describe("specSecretFields", () => {
  it("reads the format: password fields of the type's documented auth spec, and nothing of any other", () => {
    const spec = {
      id: "86043421-563b-46ec-8e6c-e23184711bf6",
      authSpec: [
        { name: "Other", spec: { properties: { region: { type: "string", format: "password" } } } },
        {
          name: KINESIS_AUTH,
          spec: { properties: { accessKeyId: { type: "string" }, secretKey: { type: "string", format: "password" } } },
        },
      ],
    };
    expect(specSecretFields(spec, "amazon-kinesis")).toEqual(new Set(["secretKey"]));
    expect(specSecretFields({ ...spec, authSpec: [spec.authSpec[0]!] }, "amazon-kinesis")).toBeUndefined();
    expect(specSecretFields(undefined, "amazon-kinesis")).toBeUndefined();
  });
});
