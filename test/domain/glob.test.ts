// The glob matcher of policies and `import --match`: the documented subset (`*`, `?`, `{a,b}`, `\`)
// means what picomatch (the matcher it replaced, kept as the oracle) says it means, syntax of other
// dialects is refused instead of read literally, and no pattern within the bounds can make a match
// slow: the matcher never backtracks.
import fc from "fast-check";
import picomatch from "picomatch";
import { describe, expect, it } from "vitest";
import { globMatcher, globProblem } from "../../src/domain/match/glob.js";

describe("the documented subset", () => {
  it.each([
    ["personalEmail.*", "personalEmail.address", true],
    ["personalEmail.*", "person.name", false],
    ["core/C*", "core/C5", true],
    ["core/*", "core/C5/x", false],
    ["*", "core/C5", false],
    ["partner-?", "partner-a", true],
    ["partner-?", "partner-ab", false],
    ["{partner,vendor}-*", "vendor-acme", true],
    ["a{b,{c,d}}e", "ade", true],
    ["Men (50+)", "Men (50+)", true],
    ["\\[test] *", "[test] Men", true],
    ["\\*", "*", true],
    ["\\*", "x", false],
  ])("%s against %s: %s", (pattern, value, expected) => {
    expect(globProblem(pattern)).toBeUndefined();
    expect(globMatcher(pattern)(value)).toBe(expected);
  });

  it("ignores case when asked", () => {
    expect(globMatcher("MEN over *", { ignoreCase: true })("men OVER 50")).toBe(true);
    expect(globMatcher("MEN over *")("men OVER 50")).toBe(false);
  });

  it("agrees with picomatch on every pattern of the subset", () => {
    const char = fc.constantFrom("a", "b", ".", "/", "?", "*");
    const plain = fc.array(char, { minLength: 1, maxLength: 6 }).map((c) => c.join(""));
    const group = fc.array(plain, { minLength: 2, maxLength: 3 }).map((alts) => `{${alts.join(",")}}`);
    const pattern = fc
      .array(fc.oneof(plain, group), { minLength: 1, maxLength: 3 })
      .map((parts) => parts.join(""))
      // Stars next to a group may expand to `**`; `..` is a range in picomatch's braces; picomatch
      // drops a leading `./` (a path of the file system); and inside a group it reads `.*` as a dotfile
      // guard (`{?.*,b}` does not match `a..`, while `?.*` does).
      .filter((p) => !/\*\*|\*\{|\*,|,\*|\}\*|\{\*|\.\.|(^|\/)\.\/|\{[^}]*\.\*/.test(p) && !globProblem(p));
    // picomatch's `*` alone in a segment needs one character, and never matches `.` or `..` (file
    // system names): values have no such segment.
    const segment = fc
      .array(fc.constantFrom("a", "b", "."), { minLength: 1, maxLength: 4 })
      .map((c) => c.join(""))
      .filter((s) => s !== "." && s !== "..");
    const value = fc.array(segment, { minLength: 1, maxLength: 3 }).map((s) => s.join("/"));
    fc.assert(
      fc.property(pattern, value, (p, v) => globMatcher(p)(v) === picomatch(p, { dot: true })(v)),
      // A fixed seed: picomatch has more quirks than the filter above names (`*.*` does not match `a.`),
      // found one in ~40,000 cases; CI must not fail on a new draw of an old oracle quirk.
      { numRuns: 3000, seed: 20261207 },
    );
  });
});

describe("what is refused, and where", () => {
  it.each([
    ["a".repeat(201), "longer than 200 characters"],
    ["{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}", "more than 32 alternatives"],
    ["[abc]", "character classes"],
    ["!secret", "negation"],
    ["*(a|b)", "extglob"],
    ["core/**", "'**' is not supported"],
    ["{a", "never closed"],
    ["a}", "without '{'"],
    ["{a}", "at least two alternatives"],
    ["a\\", "lone '\\'"],
  ])("%s: %s", (pattern, message) => {
    expect(globProblem(pattern)?.message).toContain(message);
    expect(() => globMatcher(pattern)).toThrow(message);
  });

  it("says where in the pattern", () => {
    expect(globProblem("ab[c]")?.index).toBe(2);
    expect(globProblem("x{a,b")?.index).toBe(1);
  });
});

describe("a hostile pattern", () => {
  it("within the bounds, takes time linear in the value, never backtracking", () => {
    const value = `${"a".repeat(200_000)}.b`;
    const patterns = [
      `${"*a".repeat(99)}c`, // picomatch 4.0.3's regex takes exponential time on this
      `{${Array.from({ length: 12 }, (_, i) => `${"a".repeat(i + 1)}*?`).join(",")},x}`,
      `${"?".repeat(199)}*`,
    ];
    for (const pattern of patterns) {
      expect(globProblem(pattern)).toBeUndefined();
      const started = performance.now();
      globMatcher(pattern)(value);
      expect(performance.now() - started, pattern).toBeLessThan(1000);
    }
  });
});
