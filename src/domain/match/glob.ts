// Globs in the tool config and on the command line (`partner-*`, `personalEmail.*`, `core/C*`): `*` is
// any run of characters but `/` (so a data-usage label's `core/` stays a prefix), `?` one character
// but `/`, `{a,b}` either (groups nest), `\` makes the next character literal. Matched against the
// whole value. Anything else is literal, except what another glob dialect would read as syntax (`**`,
// `[`, a leading `!`, `@(`-style extglobs): those are refused, so a pattern never silently means less.
//
// Safe by construction, not by tuning: a glob is compiled to an NFA without ε-moves (a `*` is a
// self-loop on a state) and run bit-parallel over the value, so a match costs O(length of the value ×
// states ÷ 32) whatever the pattern: nothing backtracks. The bounds keep the state count small: at
// most 200 characters, 32 alternatives, 1,000 states once the braces are expanded.
const GLOB_LIMITS = { length: 200, alternatives: 32, states: 1000 } as const;

const STAR = -1;
const ANY = -2;
const SLASH = 47;

/** Why a pattern is refused, and where in it (0-based), or undefined when it is a glob we match. */
export function globProblem(pattern: string): { message: string; index: number } | undefined {
  const parsed = parse(pattern);
  return "message" in parsed ? parsed : undefined;
}

export function globMatcher(
  patterns: string | readonly string[],
  options: { ignoreCase?: boolean } = {},
): (value: string) => boolean {
  const fold = (s: string) => (options.ignoreCase ? s.toLowerCase() : s);
  const machines = (typeof patterns === "string" ? [patterns] : patterns).map((pattern) => {
    const parsed = parse(fold(pattern));
    if ("message" in parsed) throw new Error(`glob '${pattern}': ${parsed.message}`);
    return compile(parsed.alternatives);
  });
  return (value) => {
    const folded = fold(value);
    return machines.some((matches) => matches(folded));
  };
}

type Tokens = number[];

/** The pattern as its alternatives (braces expanded), each a list of char codes, STAR and ANY. */
function parse(pattern: string): { alternatives: Tokens[] } | { message: string; index: number } {
  if (pattern.length > GLOB_LIMITS.length)
    return { message: `longer than ${GLOB_LIMITS.length} characters`, index: GLOB_LIMITS.length };
  if (pattern.startsWith("!"))
    return { message: "negation ('!' first) is not supported; write '\\!' for a literal '!'", index: 0 };
  let i = 0;
  const fail = (message: string, index = i) => {
    throw new GlobSyntax(message, index);
  };
  // One alternative's sequence, up to a ',' or '}' of the group it is in (or the end).
  const sequence = (inGroup: boolean): Tokens[] => {
    let alternatives: Tokens[] = [[]];
    const push = (token: number) => alternatives.forEach((a) => a.push(token));
    while (i < pattern.length) {
      const c = pattern[i]!;
      if (inGroup && (c === "," || c === "}")) break;
      if (c === "\\") {
        if (i + 1 >= pattern.length) fail("ends with a lone '\\'");
        push(pattern.charCodeAt(i + 1));
        i += 2;
        continue;
      }
      if ("@!+*?".includes(c) && pattern[i + 1] === "(")
        fail(`'${c}(' is an extglob, which is not supported; write '\\(' for a literal '('`);
      if (c === "[") fail("character classes ('[…]') are not supported; write '\\[' for a literal '['");
      if (c === "}") fail("'}' without '{'; write '\\}' for a literal '}'");
      if (c === "{") {
        const group = braces();
        alternatives = alternatives.flatMap((a) => group.map((g) => [...a, ...g]));
        if (alternatives.length > GLOB_LIMITS.alternatives)
          fail(`more than ${GLOB_LIMITS.alternatives} alternatives once '{…}' are expanded`);
        continue;
      }
      if (c === "*" && pattern[i + 1] === "*")
        fail("'**' is not supported: '*' is already any run of characters but '/'");
      push(c === "*" ? STAR : c === "?" ? ANY : pattern.charCodeAt(i));
      i++;
    }
    return alternatives;
  };
  const braces = (): Tokens[] => {
    const open = i++;
    const group: Tokens[] = [];
    for (;;) {
      group.push(...sequence(true));
      if (i >= pattern.length) fail("'{' is never closed; write '\\{' for a literal '{'", open);
      if (pattern[i++] === "}") break;
    }
    if (group.length < 2) fail("a group needs at least two alternatives, e.g. {a,b}", open);
    return group;
  };
  try {
    const alternatives = sequence(false);
    const states = alternatives.reduce((n, a) => n + a.filter((t) => t !== STAR).length + 1, 0);
    if (states > GLOB_LIMITS.states)
      return { message: `too large once '{…}' are expanded (over ${GLOB_LIMITS.states} characters)`, index: 0 };
    return { alternatives };
  } catch (error) {
    if (error instanceof GlobSyntax) return { message: error.message, index: error.index };
    throw error;
  }
}

class GlobSyntax extends Error {
  constructor(
    message: string,
    readonly index: number,
  ) {
    super(message);
  }
}

/**
 * Shift-And over every alternative at once. State j of an alternative means "its first j non-star
 * tokens matched"; a char moves j to j+1 when token j+1 accepts it, and keeps j where a star follows
 * token j (any char but '/'). Each alternative's states are a bit range whose first bit is set only at
 * the start: no shift ever enters it.
 */
function compile(alternatives: Tokens[]): (value: string) => boolean {
  const layout: { tokens: Tokens; loops: boolean[]; first: number }[] = [];
  let size = 0;
  for (const tokens of alternatives) {
    const plain: Tokens = [];
    const loops = [false];
    for (const t of tokens) {
      if (t === STAR) loops[plain.length] = true;
      else {
        plain.push(t);
        loops.push(false);
      }
    }
    layout.push({ tokens: plain, loops, first: size });
    size += plain.length + 1;
  }
  const words = Math.ceil(size / 32);
  const mask = () => new Uint32Array(words);
  const set = (m: Uint32Array, bit: number) => (m[bit >>> 5]! |= 1 << (bit & 31));
  const start = mask();
  const accept = mask();
  const loop = mask();
  const any = mask();
  const byChar = new Map<number, Uint32Array>();
  for (const { tokens, loops, first } of layout) {
    set(start, first);
    set(accept, first + tokens.length);
    loops.forEach((l, j) => l && set(loop, first + j));
    tokens.forEach((t, j) => {
      if (t === ANY) return set(any, first + j + 1);
      if (!byChar.has(t)) byChar.set(t, mask());
      set(byChar.get(t)!, first + j + 1);
    });
  }
  return (value) => {
    let state = start.slice();
    let next = mask();
    for (let k = 0; k < value.length; k++) {
      const c = value.charCodeAt(k);
      const exact = byChar.get(c);
      const wild = c !== SLASH;
      let carry = 0;
      let alive = 0;
      for (let w = 0; w < words; w++) {
        const s = state[w]!;
        const moved = ((s << 1) | carry) & ~start[w]!;
        carry = s >>> 31;
        const accepts = (exact ? exact[w]! : 0) | (wild ? any[w]! : 0);
        next[w] = (moved & accepts) | (wild ? s & loop[w]! : 0);
        alive |= next[w]!;
      }
      if (alive === 0) return false;
      [state, next] = [next, state];
    }
    return state.some((s, w) => (s & accept[w]!) !== 0);
  };
}
