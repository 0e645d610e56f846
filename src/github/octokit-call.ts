// One GitHub call through octokit, and what its failure says: which call failed and, when GitHub
// refused it, which permission the workflow's token lacks. Shared by every octokit-backed method.
import { RequestError } from "octokit";
import { AppError } from "../errors.js";

/** One GitHub call; its failure becomes an AppError naming the call and, when refused, the permission. */
export async function call<T>(what: string, permission: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof RequestError) {
      const refused = error.status === 401 || error.status === 403 || error.status === 404;
      throw new AppError("github", `GitHub API: could not ${what}: ${error.status} ${firstLine(error.message)}`, {
        hint: refused
          ? `Check the workflow's token and its permissions (this call needs '${permission}'); pull requests from forks get a read-only token.`
          : "GitHub's API failed after retries; re-run the job.",
        cause: error,
      });
    }
    throw new AppError("github", `GitHub API: could not ${what}: ${(error as Error)?.message ?? String(error)}`, {
      hint: "GitHub's API could not be reached (GITHUB_API_URL); re-run the job.",
      cause: error,
    });
  }
}

function firstLine(message: string): string {
  return message.split("\n")[0]!.slice(0, 300);
}
