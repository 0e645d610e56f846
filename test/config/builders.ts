// Small builders for destination YAML and temp folders, so each test states only what it is about.
import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export function tempDir(prefix = "aep-gitops-config-"): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

/** Writes files (path → content) under a fresh temp folder and returns the folder. */
export function writeTree(files: Record<string, string | Uint8Array>, root = tempDir()): string {
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), content);
  }
  return root;
}

export function kinesisAccount(name = "kinesis-marketing"): string {
  return `apiVersion: aep-gitops/v1
kind: Account
name: ${name}
type: amazon-kinesis
credentials:
  accessKeyId: \${env:KINESIS_MARKETING_ACCESS_KEY_ID}
  secretKey: \${env:KINESIS_MARKETING_SECRET_KEY}
  region: us-east-1
`;
}

export function kinesisDestination(
  name: string,
  options: { account?: string; audiences?: string[]; attributes?: string[] } = {},
): string {
  const audiences = (options.audiences ?? ["72ddd79b-6b0a-4e97-a8d2-112ccd81bd02"])
    .map((id) => `  - id: ${id}\n`)
    .join("");
  const attributes = (options.attributes ?? ["person.lastName"]).map((p) => `  - ${p}\n`).join("");
  return `apiVersion: aep-gitops/v1
kind: Destination
name: ${name}
type: amazon-kinesis
account: ${options.account ?? "kinesis-marketing"}
target:
  stream: ${name}
  region: us-east-1
audiences:
${audiences}profileAttributes:
${attributes}`;
}

/** A deterministic, well-formed lower-case UUID for the n-th test audience. */
export function audienceId(n: number): string {
  const hex = n.toString(16).padStart(12, "0");
  return `00000000-0000-4000-8000-${hex}`;
}
