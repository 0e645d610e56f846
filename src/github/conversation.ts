// The Action's side of the conversation on GitHub, in one place: its sticky comments on a pull request
// (the plan; the apply's result, refusal or failure) and its tracking issues (the incident of a failed
// apply, the drift of a sandbox). Each is one per purpose and scope, found by a hidden marker on its
// first line AND by its author: only what the Action's own identity wrote (identity.ts) is edited,
// closed or believed. Anyone may post a comment that starts with the marker; it is left alone, never
// quoted, and the Action posts its own beside it. Otherwise a PR author who posted the marker first
// would get the plan written into a comment they can edit, and apply would trust its checksum.
//
// Sticky comments are edited in place on every job, so a PR shows the current plan once instead of a
// trail of stale ones (Atlantis #55); tracking issues are opened when their condition starts, kept
// current while it lasts and closed with a comment when it ends, so scheduled jobs never pile up
// duplicates. Which lines of its own comments count is comment-records.ts's to say.
import { markersFor, type Markers } from "../report/comments/markers.js";
import { readContinuation, readPlanRecord, type PlanRecord } from "./comment-records.js";
import type { Identity } from "./identity.js";
import type { Author, GitHubPort, Issue, IssueComment } from "./port.js";

export type IssueKind = "incident" | "drift";

export interface ConversationOptions {
  /** The job's sandbox: a job limited to one keeps its own comments and issues (see markers.ts). */
  sandbox?: string | undefined;
  identity: Identity;
  labels: Record<IssueKind, string>;
  log?: { info(message: string): void; warn(message: string): void };
}

export interface OwnPlanComment {
  comment: IssueComment;
  /** What it shows, when it shows a plan; undefined when it stands in for one (validation failed, …). */
  record?: PlanRecord;
}

export interface Posted {
  comment: IssueComment;
  created: boolean;
}

export interface OpenedIssue {
  issue: Issue;
  action: "opened" | "updated" | "unchanged";
}

export interface Conversation {
  /** The markers the bodies must start with, for the renderers. */
  readonly markers: Markers;
  /** Whether the Action has a GitHub token: without one, nothing is found and nothing is posted. */
  readonly connected: boolean;
  /** The login whose comments and issues are the Action's. */
  author(): Promise<string>;
  /** The Action's plan comment on a pull request. */
  planComment(pr: number): Promise<OwnPlanComment | undefined>;
  /** Posts the plan comment or edits it; `existing` is what planComment() just found (null: none). */
  postPlan(pr: number, body: string, existing?: OwnPlanComment | null): Promise<Posted | undefined>;
  /** Posts the apply comment (result, refusal, failure) or edits it. */
  postApply(pr: number, body: string): Promise<Posted | undefined>;
  /** What the Action wrote on a merged pull request: its plan comment, and what a partial apply of `sha` left. */
  merged(pr: number, sha: string): Promise<{ plan?: OwnPlanComment; continuation?: string }>;
  /** Opens the issue, or brings the open one up to date (with `comment`, a recurrence notifies its watchers). */
  openIssue(
    kind: IssueKind,
    draft: { title: string; body: string; comment?: string },
  ): Promise<OpenedIssue | undefined>;
  /** The body of the open issue of this kind the Action wrote, if any (what the previous check reported). */
  issueBody(kind: IssueKind): Promise<string | undefined>;
  /** Closes the open issue with a comment saying why; undefined when none was open. */
  closeIssue(kind: IssueKind, comment: string): Promise<Issue | undefined>;
}

export function createConversation(github: GitHubPort | undefined, options: ConversationOptions): Conversation {
  const markers = markersFor(options.sandbox);
  const { identity, labels } = options;
  const log = options.log ?? { info: () => {}, warn: () => {} };

  /** The oldest of the marked items the Action wrote; the others are counted in the log, never quoted. */
  const own = async <T extends { body: string; user: Author | null }>(items: T[], marker: string, where: string) => {
    const marked = items.filter((item) => firstLine(item.body) === marker);
    if (marked.length === 0) return undefined;
    const mine: T[] = [];
    for (const item of marked) if (await identity.is(item.user)) mine.push(item);
    if (mine.length < marked.length)
      log.info(
        `Ignored ${marked.length - mine.length} ${where} starting with ${marker} not written by ${await identity.login()}.`,
      );
    return mine[0];
  };

  /** A comment or issue the token just created, written by someone other than the Action is taken to be: say so. */
  const checkAuthor = async (author: Author | null) => {
    if (!author || (await identity.is(author))) return;
    log.warn(
      `GitHub shows this token writing as ${author.login}, but aep-gitops takes only what ${await identity.login()} writes as its own, so it will not find what it posts again and apply will find no reviewed plan. Set the input comment-author: ${author.login}.`,
    );
  };

  const findComment = async (pr: number, marker: string) =>
    own(await github!.listComments(pr), marker, `comment(s) on #${pr}`);

  const upsert = async (pr: number, marker: string, body: string, existing?: IssueComment | null) => {
    if (!github) return undefined;
    if (firstLine(body) !== marker) throw new Error(`conversation: the body must start with the marker ${marker}`);
    const found = existing === undefined ? await findComment(pr, marker) : (existing ?? undefined);
    if (!found) {
      const comment = await github.createComment(pr, body);
      await checkAuthor(comment.user);
      return { comment, created: true };
    }
    // An identical body is not re-sent: a re-run of the job then writes nothing and notifies no one.
    if (found.body === body) return { comment: found, created: false };
    return { comment: await github.updateComment(found.id, body), created: false };
  };

  const findIssue = async (kind: IssueKind) =>
    own(
      (await github!.openIssuesWithLabel(labels[kind])).sort((a, b) => a.number - b.number),
      markers[kind],
      `open issue(s) labelled ${labels[kind]}`,
    );

  const asPlan = (comment: IssueComment | undefined): OwnPlanComment | undefined => {
    if (!comment) return undefined;
    const record = readPlanRecord(comment.body);
    return record ? { comment, record } : { comment };
  };

  return {
    markers,
    connected: github !== undefined,
    author: () => identity.login(),
    planComment: async (pr) => (github ? asPlan(await findComment(pr, markers.plan)) : undefined),
    postPlan: (pr, body, existing) =>
      upsert(pr, markers.plan, body, existing === undefined ? undefined : (existing?.comment ?? null)),
    postApply: (pr, body) => upsert(pr, markers.apply, body),
    async merged(pr, sha) {
      if (!github) return {};
      const comments = await github.listComments(pr);
      const plan = asPlan(await own(comments, markers.plan, `comment(s) on #${pr}`));
      const applied = await own(comments, markers.apply, `comment(s) on #${pr}`);
      const continuation = applied ? readContinuation(applied.body, sha) : undefined;
      return { plan, continuation };
    },
    async issueBody(kind) {
      if (!github) return undefined;
      return (await findIssue(kind))?.body;
    },
    async openIssue(kind, draft) {
      if (!github) return undefined;
      if (firstLine(draft.body) !== markers[kind])
        throw new Error(`conversation: the body must start with the marker ${markers[kind]}`);
      const existing = await findIssue(kind);
      if (!existing) {
        const issue = await github.createIssue({ title: draft.title, body: draft.body, labels: [labels[kind]] });
        await checkAuthor(issue.user);
        return { issue, action: "opened" };
      }
      let issue = existing;
      let action: OpenedIssue["action"] = "unchanged";
      if (existing.body !== draft.body || existing.title !== draft.title) {
        issue = await github.updateIssue(existing.number, { title: draft.title, body: draft.body });
        action = "updated";
      }
      if (draft.comment) await github.createComment(existing.number, draft.comment);
      return { issue, action };
    },
    async closeIssue(kind, comment) {
      if (!github) return undefined;
      const existing = await findIssue(kind);
      if (!existing) return undefined;
      await github.createComment(existing.number, comment);
      return github.updateIssue(existing.number, { state: "closed", stateReason: "completed" });
    },
  };
}

function firstLine(body: string): string | undefined {
  return body.split("\n", 1)[0]?.trim();
}
