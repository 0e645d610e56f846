// The Action's inputs, as the runner passes them: INPUT_<NAME> with the name upper-cased and spaces
// turned into underscores (hyphens stay: `github-token` arrives as INPUT_GITHUB-TOKEN). Booleans
// follow action.yml's YAML 1.2 core schema: true/True/TRUE or false/False/FALSE, anything else is an
// error rather than a guess.
import { AppError } from "../errors.js";

export type ActionCommand = "plan" | "apply" | "drift";

export interface ActionInputs {
  command: ActionCommand;
  /** The tool config file, relative to the workspace; undefined = found the usual way. */
  config?: string;
  sandbox?: string;
  githubToken?: string;
  /**
   * The login the token writes as (a GitHub App's: `<app-slug>[bot]`); undefined = asked of GitHub
   * (GET /user), or github-actions[bot] for the workflow's GITHUB_TOKEN (src/github/identity.ts).
   */
  commentAuthor?: string;
  force: boolean;
  prune: boolean;
  failOnDrift: boolean;
  /**
   * Drift job: also open (or keep current, or close) one pull request per sandbox that writes what was
   * changed in Adobe back to the YAML (src/action/drift-pr.ts). Needs contents: write and pull-requests: write.
   */
  driftPr: boolean;
  /**
   * Drift job: `report` (default) reads the destinations' dataflow runs, shows their health in the drift
   * issue and opens it on health alone; `fail` also fails the job when one is failing or silent;
   * `ignore` reads no dataflow runs. Plan job: anything but `ignore` shows the health of what the plan changes.
   */
  health: "ignore" | "report" | "fail";
  /**
   * Whether the destination secrets must be set. A plan or drift job can do without (a pull request's
   * plan reviews meaning, not credentials); apply cannot, since it is the job that sends them.
   */
  secrets: "required" | "optional";
}

const COMMANDS: ActionCommand[] = ["plan", "apply", "drift"];

export function readInputs(env: Record<string, string | undefined>): ActionInputs {
  const input = (name: string) => env[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`]?.trim() || undefined;
  const command = input("command");
  if (!command || !COMMANDS.includes(command as ActionCommand)) {
    throw new AppError(
      "usage",
      `Input 'command' must be one of ${COMMANDS.join(", ")}${command ? `, not '${command}'` : " (it is not set)"}.`,
    );
  }
  const config = input("config");
  const sandbox = input("sandbox");
  const githubToken = input("github-token");
  const commentAuthor = input("comment-author");
  // A login: letters, digits and hyphens, up to 39 characters; an app's bot adds `[bot]`.
  if (commentAuthor !== undefined && !/^[A-Za-z0-9][A-Za-z0-9-]{0,38}(?:\[bot\])?$/.test(commentAuthor))
    throw new AppError(
      "usage",
      `Input 'comment-author' must be a GitHub login such as my-app[bot], not '${commentAuthor}'.`,
    );
  return {
    command: command as ActionCommand,
    config,
    sandbox,
    githubToken,
    commentAuthor,
    force: bool(input("force"), "force", false),
    prune: bool(input("prune"), "prune", false),
    failOnDrift: bool(input("fail-on-drift"), "fail-on-drift", false),
    driftPr: bool(input("drift-pr"), "drift-pr", false),
    health: healthInput(input("health")),
    secrets: secretsInput(input("secrets"), command as ActionCommand),
  };
}

function healthInput(value: string | undefined): "ignore" | "report" | "fail" {
  if (value === undefined || value === "") return "report";
  if (value === "ignore" || value === "report" || value === "fail") return value;
  throw new AppError("usage", `Input 'health' must be ignore, report or fail, not '${value}'.`);
}

function secretsInput(value: string | undefined, command: ActionCommand): "required" | "optional" {
  if (value === undefined) return command === "apply" ? "required" : "optional";
  if (value !== "required" && value !== "optional")
    throw new AppError("usage", `Input 'secrets' must be required or optional, not '${value}'.`);
  if (command === "apply" && value === "optional")
    throw new AppError("usage", "Input 'secrets' cannot be optional for apply: apply is the job that sends them.");
  return value;
}

function bool(value: string | undefined, name: string, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (["true", "True", "TRUE"].includes(value)) return true;
  if (["false", "False", "FALSE"].includes(value)) return false;
  throw new AppError("usage", `Input '${name}' must be true or false, not '${value}'.`);
}
