// What the Action reads back from its own comments: a record counts only on the line it keeps for it,
// never from quoted text (a code block, a line in the middle of the body).
import { describe, expect, it } from "vitest";
import { readChecksumLine, readContinuation, readPlanRecord } from "../../src/github/comment-records.js";
import { checksumLine } from "../../src/report/comments/checksum-line.js";
import { continuationLine } from "../../src/report/comments/apply-comment.js";
import { plannedLine } from "../../src/report/comments/plan-comment.js";

const MARKER = "<!-- aep-gitops:plan -->";
const SHA = "1".repeat(40);
const SUM = "c".repeat(64);
const LINE = checksumLine(SUM);

describe("the plan record", () => {
  it("is the commit on the line under the marker and the checksum on the last line", () => {
    expect(readPlanRecord(`${MARKER}\n${plannedLine(SHA)}\n## plan\n\n${LINE}\n\n`)).toEqual({
      sha: SHA,
      checksum: SUM,
    });
  });

  it("is missing from a body without the planned line there, whatever it carries elsewhere", () => {
    expect(readPlanRecord(`${MARKER}\n## plan\n${plannedLine(SHA)}\n${LINE}\n`)).toBeUndefined();
    expect(readPlanRecord(`${MARKER}\n${plannedLine(SHA)}\n${LINE}\nmore text\n`)).toBeUndefined();
    expect(plannedLine("unknown")).toBe("<!-- aep-gitops:planned sha=unknown -->");
    expect(readPlanRecord(`${MARKER}\n${plannedLine("unknown")}\n${LINE}\n`)).toBeUndefined();
  });
});

describe("the checksum line", () => {
  it.each([
    ["a backtick fence", "```text\n"],
    ["a longer backtick fence closed by a short one", "````\n```\n"],
    ["a tilde fence", "~~~\n"],
    ["an indented fence", "   ```\n"],
  ])("inside %s (left open) is not read", (_, open) => {
    expect(readChecksumLine(`${MARKER}\n${open}${LINE}\n`)).toBeUndefined();
  });

  it("after a closed fence, on the last line, is read; an indented one never", () => {
    expect(readChecksumLine(`${MARKER}\n\`\`\`\ncode\n\`\`\`\n\n${LINE}\n`)).toBe(SUM);
    expect(readChecksumLine(`${MARKER}\n~~~~\n\`\`\`\n~~~~\n${LINE}`)).toBe(SUM);
    expect(readChecksumLine(`${MARKER}\n\n    ${LINE}\n`)).toBeUndefined();
    expect(readChecksumLine(`${MARKER}\n\t${LINE}\n`)).toBeUndefined();
  });

  it("is read from the last line only", () => {
    expect(readChecksumLine(`${LINE}\nthen text`)).toBeUndefined();
    expect(readChecksumLine(`text Plan checksum: \`${SUM}\``)).toBeUndefined();
  });

  it("a backtick line with a backtick in its info string opens no fence", () => {
    expect(readChecksumLine(`\`\`\` not \`a fence\`\n${LINE}`)).toBe(SUM);
  });
});

describe("the continuation", () => {
  it("is read from the last line, for the commit it names", () => {
    const line = continuationLine(SHA, SUM);
    expect(readContinuation(`<!-- m -->\nresults\n${line}\n`, SHA)).toBe(SUM);
    expect(readContinuation(`<!-- m -->\nresults\n${line}\n`, "2".repeat(40))).toBeUndefined();
    expect(readContinuation(`<!-- m -->\n${line}\nresults\n`, SHA)).toBeUndefined();
    expect(readContinuation(`<!-- m -->\n\`\`\`\n${line}\n`, SHA)).toBeUndefined();
  });
});
