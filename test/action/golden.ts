// Golden files (Atlantis style): the exact text the Action posts, compared byte for byte after
// normalizing only what changes from run to run:
//   - ids the emulator makes up (UUIDs other than the fixed     → <id-1>, <id-2>, … by first appearance
//     audience and connection/flow spec ids, which are kept)
//   - etags ("xxxxxxxx-0000-0200-0000-…")                      → <etag>
//   - 64-hex plan checksums (they cover live ids)              → <checksum-1>, … by first appearance, so
//     "the same checksum" and "a different checksum" survive normalization
//   - ISO 8601 timestamps (Adobe's updatedAt, GitHub times)     → <timestamp>
//   (the sample records' fixed hash and qualification time are kept: every run writes the same ones)
//   - loopback URLs with their random port                      → http://127.0.0.1:<port>
// Everything else (commit shas, run ids, PR numbers, fingerprints) is fixed by the test itself.
// UPDATE_GOLDEN=1 rewrites the files; otherwise a missing golden file fails the test.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { expect } from "vitest";
import {
  DESTINATION_FLOW_SPEC_ID,
  EVENT_HUBS_SPEC_ID,
  KINESIS_SPEC_ID,
  UPS_SPEC_ID,
} from "../../src/emulator/index.js";
import { PROD_AUDIENCES } from "../support/lab.js";

const DIR = path.resolve(import.meta.dirname, "golden");
/** The sample record's fixed values (src/domain/review/preview.ts, Adobe's example): kept as they are. */
const SAMPLE_EMAIL_SHA256 = "836f82db99121b3481011f16b49dfa5fbc714a0d1b1b9f784a1ebbbf5b39577f";
const SAMPLE_QUALIFICATION_TIME = "2020-05-25T21:24:39Z";
/** UUIDs that are the same in every run: they stay in the golden files, where a reviewer reads them. */
const FIXED_IDS = new Set(
  [...PROD_AUDIENCES, DESTINATION_FLOW_SPEC_ID, EVENT_HUBS_SPEC_ID, KINESIS_SPEC_ID, UPS_SPEC_ID].map((id) =>
    id.toLowerCase(),
  ),
);

export function normalize(text: string): string {
  const numbered = (prefix: string) => {
    const seen = new Map<string, number>();
    return (value: string) => {
      if (!seen.has(value)) seen.set(value, seen.size + 1);
      return `<${prefix}-${seen.get(value)}>`;
    };
  };
  const id_ = numbered("id");
  const checksum = numbered("checksum");
  return text
    .replace(/\b[0-9a-f]{64}\b/g, (hex) => (hex === SAMPLE_EMAIL_SHA256 ? hex : checksum(hex)))
    .replace(/\b[0-9a-f]{8}-0000-0200-0000-[0-9a-f]{12}\b/g, "<etag>")
    .replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, (id) =>
      FIXED_IDS.has(id.toLowerCase()) ? id : id_(id),
    )
    .replace(/\b\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)\b/g, (time) =>
      time === SAMPLE_QUALIFICATION_TIME ? time : "<timestamp>",
    )
    .replace(/http:\/\/127\.0\.0\.1:\d+/g, "http://127.0.0.1:<port>");
}

export function expectGolden(name: string, actual: string): void {
  const file = path.join(DIR, name);
  const text = normalize(actual);
  if (process.env.UPDATE_GOLDEN === "1") {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
    return;
  }
  if (!existsSync(file))
    throw new Error(
      `Golden file ${path.relative(process.cwd(), file)} is missing: run the tests with UPDATE_GOLDEN=1 to write it, then review it.`,
    );
  expect(text, `golden file ${name} (UPDATE_GOLDEN=1 rewrites it)`).toBe(readFileSync(file, "utf8"));
}

/** An issue as one text: its title, labels and state, then its body. */
export function issueText(issue: { title: string; labels: string[]; state: string; body: string }): string {
  return `Title: ${issue.title}\nLabels: ${issue.labels.join(", ")}\nState: ${issue.state}\n---\n${issue.body}`;
}
