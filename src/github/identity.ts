// Who the Action is on GitHub: the login its token writes comments and issues as. Only what that login
// wrote is the Action's own; everyone else's comment is left alone and never believed.
//
// How it is decided, once a job and only when needed:
//   1. the `comment-author` input, when set (a GitHub App's token writes as `<app-slug>[bot]`, and
//      cannot tell which: it may not read GET /user, nor GET /app without the app's private key);
//   2. otherwise GET /user: a personal access token (or any user token) names its user;
//   3. GitHub answers that with 403 to an installation token, which the workflow's GITHUB_TOKEN is:
//      it writes as github-actions[bot] (user id 41898282).
// Logins are unique and case-insensitive; a person cannot sign up with a `[bot]` login.
import type { Author, GitHubPort } from "./port.js";

const GITHUB_ACTIONS_BOT = "github-actions[bot]";

export interface Identity {
  /** The login whose comments and issues are the Action's. */
  login(): Promise<string>;
  /** Whether a comment's or issue's author is the Action. */
  is(author: Author | null): Promise<boolean>;
}

export function tokenIdentity(github: GitHubPort | undefined, configured?: string): Identity {
  let login: Promise<string> | undefined;
  const resolve = () =>
    (login ??=
      configured || !github
        ? Promise.resolve(configured ?? GITHUB_ACTIONS_BOT)
        : github.authenticatedUser().then((user) => user?.login ?? GITHUB_ACTIONS_BOT));
  return {
    login: resolve,
    is: async (author) => author !== null && author.login.toLowerCase() === (await resolve()).toLowerCase(),
  };
}

/**
 * The name and e-mail the Action's commits carry: its login, and the no-reply address GitHub links to
 * that login (github-actions[bot]'s is fixed, with its user id), so its commits are told from anyone's.
 */
export function commitPerson(login: string): { name: string; email: string } {
  const email =
    login.toLowerCase() === GITHUB_ACTIONS_BOT
      ? "41898282+github-actions[bot]@users.noreply.github.com"
      : `${login}@users.noreply.github.com`;
  return { name: login, email };
}
