// The preview use case: one sample record per destination, as its stream or event hub receives it. It
// reads only what a record depends on, per sandbox: the audiences (names resolved to ids, the names
// includeSegmentNames exports) and the Profile union schema (the attributes' types). No Flow Service
// list: a preview shows what the YAML would send, whatever Adobe holds now.
import { resolveAudiences } from "../domain/checks/audiences.js";
import { PREVIEW_NOTES, sampleInput, sampleRecord } from "../domain/review/preview.js";
import type { Problem } from "../domain/checks/problem.js";
import { checkAttributePaths } from "../domain/state/union-schema.js";
import { desiredWhere } from "../domain/review/where.js";
import { readAudiences } from "../reconcile/read-audiences.js";
import { readUnion } from "../reconcile/read-union.js";
import type { DestinationPreview, PreviewReport } from "../report/plan/preview.js";
import { assertPatternsMatch, destinationPatterns, narrowSandboxes } from "./destination-filter.js";
import type { Workspace } from "./workspace.js";

export interface PreviewResult {
  report: PreviewReport;
  /** Found against the sandbox (unknown audiences, paths the union lacks), at file:line:col. */
  problems: Problem[];
}

export async function preview(
  ws: Workspace,
  options: { destination?: readonly string[] | string | undefined },
): Promise<PreviewResult> {
  // --destination as everywhere (src/app/destination-filter.ts); a preview shows only YAML destinations.
  const patterns = destinationPatterns(options.destination);
  assertPatternsMatch(
    patterns,
    ws.sandboxes.map((s) => s.desired),
  );
  const sandboxes = narrowSandboxes(ws.sandboxes, patterns).filter((s) => s.desired.destinations.length > 0);
  const read = await Promise.all(
    sandboxes.map(async ({ desired, audiences, schemas }) => {
      const [known, union] = await Promise.all([
        audiences ? readAudiences(audiences, desired) : undefined,
        schemas ? readUnion(schemas, desired) : undefined,
      ]);
      const resolved = known ? resolveAudiences(desired, known.known) : { desired, problems: [] };
      const ctx = { union: union?.index, audienceNames: new Map((known?.known ?? []).map((a) => [a.id, a.name])) };
      const destinations = resolved.desired.destinations.map((d): DestinationPreview => ({
        name: d.name,
        sandbox: desired.sandbox,
        type: d.type,
        target: desiredWhere(
          d,
          desired.accounts.find((a) => a.name === d.account),
        ),
        state: d.state,
        sample: sampleRecord(sampleInput(d), ctx),
      }));
      return {
        destinations,
        notes: [
          ...(known?.note ? [known.note] : []),
          ...(union?.note ? [`${union.note} Attribute values are shown as strings.`] : []),
        ],
        problems: [...resolved.problems, ...(union?.index ? checkAttributePaths(desired, union.index) : [])],
      };
    }),
  );
  return {
    report: {
      destinations: read.flatMap((r) => r.destinations),
      notes: [...PREVIEW_NOTES, ...read.flatMap((r) => r.notes)],
    },
    problems: read.flatMap((r) => r.problems),
  };
}
