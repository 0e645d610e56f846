// The git data half of the fake GitHub: branches, commits whose trees hold the files' text (so a test
// reads what a branch holds), and the REST routes that make a commit on a branch: refs, blobs, trees
// with base_tree, commits, the repository (its default branch) and compare. Paths are relative to the
// repository root. What GitHub enforces that matters here is enforced: creating a ref that exists is
// a 422, and moving a branch to a commit that does not descend from its head needs `force`.
import { createHash } from "node:crypto";

export interface FakeCommit {
  sha: string;
  tree: string;
  parents: string[];
  author: { name: string; email: string; date: string };
  committer: { name: string; email: string; date: string };
  message: string;
}

type Result = [number, unknown, Record<string, string>?];

export function createGitStore(defaultBranch: string) {
  const branches = new Map<string, string>();
  const commits = new Map<string, FakeCommit>();
  const trees = new Map<string, Map<string, string>>();
  const blobs = new Map<string, string>();
  let counter = 0;
  const newSha = (what: unknown) =>
    createHash("sha1")
      .update(`${counter++}:${JSON.stringify(what)}`)
      .digest("hex");
  const emptyTree = newSha("tree");
  trees.set(emptyTree, new Map());

  const ancestors = (sha: string): Set<string> => {
    const seen = new Set<string>();
    const stack = [sha];
    while (stack.length > 0) {
      const next = stack.pop()!;
      if (seen.has(next) || !commits.has(next)) continue;
      seen.add(next);
      stack.push(...commits.get(next)!.parents);
    }
    return seen;
  };
  const commitJson = (c: FakeCommit) => ({
    sha: c.sha,
    tree: { sha: c.tree },
    parents: c.parents.map((sha) => ({ sha })),
    author: c.author,
    committer: c.committer,
    message: c.message,
  });
  const addCommit = (draft: Omit<FakeCommit, "sha">) => {
    const sha = newSha(draft);
    commits.set(sha, { sha, ...draft });
    return sha;
  };
  const writeTree = (base: Map<string, string>, files: Record<string, string | null>) => {
    const tree = new Map(base);
    for (const [path, text] of Object.entries(files)) {
      if (text === null) tree.delete(path);
      else tree.set(path, text);
    }
    const sha = newSha([...tree]);
    trees.set(sha, tree);
    return sha;
  };

  const handle = (method: string, encoded: string, body: Record<string, unknown>): Result | undefined => {
    // octokit sends a ref's slashes encoded (`git/ref/heads%2Fmain`), as GitHub accepts.
    const rest = decodeURIComponent(encoded);
    let m: RegExpExecArray | null;
    if (rest === "" && method === "GET") return [200, { default_branch: defaultBranch }];
    if ((m = /^\/git\/ref\/heads\/(.+)$/.exec(rest)) && method === "GET") {
      const branch = m[1]!;
      const sha = branches.get(branch);
      if (!sha) return [404, { message: "Not Found" }];
      return [200, { ref: `refs/heads/${branch}`, object: { sha, type: "commit" } }];
    }
    if ((m = /^\/git\/commits\/([0-9a-f]{40})$/.exec(rest)) && method === "GET") {
      const commit = commits.get(m[1]!);
      return commit ? [200, commitJson(commit)] : [404, { message: "Not Found" }];
    }
    if ((m = /^\/compare\/([0-9a-f]{40})\.\.\.([0-9a-f]{40})$/.exec(rest)) && method === "GET") {
      const base = ancestors(m[1]!);
      const ahead = [...ancestors(m[2]!)].filter((sha) => !base.has(sha)).map((sha) => commits.get(sha)!);
      const list = ahead.map((c) => ({ sha: c.sha, commit: commitJson(c), parents: commitJson(c).parents }));
      return [200, { total_commits: list.length, commits: list.reverse() }];
    }
    if (rest === "/git/blobs" && method === "POST") {
      const sha = newSha(body.content);
      const content = String(body.content);
      blobs.set(sha, body.encoding === "base64" ? Buffer.from(content, "base64").toString("utf8") : content);
      return [201, { sha }];
    }
    if (rest === "/git/trees" && method === "POST") {
      const base = trees.get(String(body.base_tree ?? emptyTree));
      if (!base) return [422, { message: "Invalid base_tree" }];
      const files: Record<string, string | null> = {};
      for (const entry of body.tree as { path: string; sha?: string | null; content?: string }[]) {
        if (entry.path.startsWith("/") || entry.path.split("/").includes(".."))
          return [422, { message: `Invalid path ${entry.path}` }];
        if (entry.content !== undefined) files[entry.path] = entry.content;
        else if (entry.sha === null) files[entry.path] = null;
        else if (entry.sha && blobs.has(entry.sha)) files[entry.path] = blobs.get(entry.sha)!;
        else return [422, { message: "Invalid tree entry" }];
      }
      return [201, { sha: writeTree(base, files) }];
    }
    if (rest === "/git/commits" && method === "POST") {
      if (!trees.has(String(body.tree))) return [422, { message: "Invalid tree" }];
      const parents = (body.parents as string[]) ?? [];
      if (parents.some((p) => !commits.has(p))) return [422, { message: "Invalid parent" }];
      const date = new Date().toISOString();
      const person = (p: unknown) => ({ ...(p as { name: string; email: string }), date });
      const sha = addCommit({
        tree: String(body.tree),
        parents,
        author: person(body.author),
        committer: person(body.committer ?? body.author),
        message: String(body.message),
      });
      return [201, commitJson(commits.get(sha)!)];
    }
    if (rest === "/git/refs" && method === "POST") {
      const branch = String(body.ref).replace(/^refs\/heads\//, "");
      if (branches.has(branch)) return [422, { message: "Reference already exists" }];
      if (!commits.has(String(body.sha))) return [422, { message: "Object does not exist" }];
      branches.set(branch, String(body.sha));
      return [201, { ref: `refs/heads/${branch}`, object: { sha: body.sha } }];
    }
    if ((m = /^\/git\/refs\/heads\/(.+)$/.exec(rest)) && method === "PATCH") {
      const branch = m[1]!;
      const head = branches.get(branch);
      if (!head) return [422, { message: "Reference does not exist" }];
      const sha = String(body.sha);
      if (!commits.has(sha)) return [422, { message: "Object does not exist" }];
      if (!body.force && !ancestors(sha).has(head)) return [422, { message: "Update is not a fast forward" }];
      branches.set(branch, sha);
      return [200, { ref: `refs/heads/${branch}`, object: { sha } }];
    }
    return undefined;
  };

  return {
    handle,
    branchHead: (branch: string) => branches.get(branch),
    /** A commit on a branch (made on GitHub, by a person unless `author` says otherwise); its sha. */
    push(
      branch: string,
      files: Record<string, string | null>,
      opts: { author?: { name: string; email: string }; from?: string; message?: string } = {},
    ): string {
      const parent = opts.from ?? branches.get(branch);
      const base = parent ? trees.get(commits.get(parent)!.tree)! : new Map<string, string>();
      const date = new Date().toISOString();
      const who = { ...(opts.author ?? { name: "Alice", email: "alice@example.com" }), date };
      const sha = addCommit({
        tree: writeTree(base, files),
        parents: parent ? [parent] : [],
        author: who,
        committer: who,
        message: opts.message ?? "A commit",
      });
      branches.set(branch, sha);
      return sha;
    },
    /** The files a branch holds, by path. */
    files(branch: string): Record<string, string> {
      const sha = branches.get(branch);
      return sha ? Object.fromEntries(trees.get(commits.get(sha)!.tree)!) : {};
    },
    commit: (sha: string) => commits.get(sha),
  };
}
