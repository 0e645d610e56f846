// What every command's --help ends with: its exit codes and the environment variables it reads, each
// described once here so that every command says the same thing about them.
import type { CommandSpec } from "./command.js";

export const ENVIRONMENT: Record<string, string> = {
  AEP_CLIENT_ID: "the Adobe Developer Console project's OAuth server-to-server client id",
  AEP_CLIENT_SECRET: "its client secret (masked in every output)",
  AEP_ORG_ID: "the IMS organization id (…@AdobeOrg)",
  AEP_SCOPES:
    "the IMS scopes to ask for (default: openid,AdobeID,read_organizations,additional_info.projectedProductContext,session)",
  AEP_SANDBOX: "the sandbox when neither --sandbox nor the tool config names one (default prod)",
  AEP_PLATFORM_URL: "Adobe's API host (default https://platform.adobe.io)",
  AEP_IMS_URL: "Adobe IMS (default https://ims-na1.adobelogin.com)",
  AEP_GITOPS_FINGERPRINT_KEY: "the key of the credential fingerprints by which a rotated secret is noticed",
  AEP_GITOPS_LOCK_TTL_SECONDS: "the sandbox lock's lease (default 120)",
  AEP_GITOPS_LOCK_WAIT_SECONDS: "how long to wait for another apply's lock (default 600)",
  AEP_GITOPS_PROGRESS_SECONDS:
    "how long an item runs before it is reported as still running, and how often (default 10)",
  "${env:NAME}": "every variable the YAML's credentials name, e.g. KINESIS_MARKETING_SECRET_KEY",
  AWS_ENDPOINT_URL_KINESIS:
    "the Kinesis the streams are checked against (the AWS SDK's own setting, as is AWS_ENDPOINT_URL; default AWS)",
  NO_COLOR: "set (non-empty): no ANSI colours",
  FORCE_COLOR: "set (not 0): ANSI colours even into a pipe or file",
};

/** The environment every command that talks to Adobe reads. */
export const ADOBE_ENV = [
  "AEP_CLIENT_ID",
  "AEP_CLIENT_SECRET",
  "AEP_ORG_ID",
  "AEP_SCOPES",
  "AEP_SANDBOX",
  "AEP_PLATFORM_URL",
  "AEP_IMS_URL",
] as const;

export const COLOR_ENV = ["NO_COLOR", "FORCE_COLOR"] as const;

export function helpFooter(spec: CommandSpec): string {
  const width = Math.max(...spec.env.map((name) => name.length), 3);
  const lines = ["", "Exit codes:", ...spec.exitCodes.map(([code, meaning]) => `  ${code}  ${meaning}`)];
  if (spec.env.length > 0) {
    lines.push("", "Environment:");
    for (const name of spec.env) lines.push(`  ${name.padEnd(width)}  ${ENVIRONMENT[name] ?? ""}`);
  }
  return `${lines.join("\n")}\n`;
}
