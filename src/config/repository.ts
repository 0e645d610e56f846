// The repository is the boundary of what the tool reads. A plan job runs on whatever a pull request
// holds, with an Adobe credential in its environment: a symbolic link to a runner's file, or a path
// such as ../../.ssh, must not turn that content into a problem message, a PR comment or a log line.
// So every file and folder read (the tool config, its sandboxes' folders, the paths on the command
// line, the files met while listing a folder) must resolve, symbolic links followed, inside the
// repository root: the nearest folder with .git from the working folder up, or, outside Git, the
// working folder. Whatever leads out is refused before it is read, naming only the path as written.
// A link that stays inside the repository is followed as before.
import { existsSync, lstatSync, realpathSync } from "node:fs";
import path from "node:path";
import { AppError } from "../errors.js";

/** Where a path leads: a file or folder inside, nothing (inside), or out (by its own words, or by a link). */
export type Whereabouts = "inside" | "missing" | "outside" | "link";

export class Repository {
  /** The root as found from the working folder (links not resolved: it is shown in messages). */
  readonly root: string;
  /** The root with every link resolved: what a path's real path must stay within. */
  private readonly realRoot: string;

  private constructor(
    root: string,
    /** The working folder: paths met while listing are shown relative to it. */
    readonly cwd: string,
  ) {
    this.root = root;
    this.realRoot = realpathSync(root);
  }

  /** The repository around `cwd`: the nearest folder with .git from it up, or, outside Git, `cwd` itself. */
  static around(cwd: string): Repository {
    const start = path.resolve(cwd);
    for (let dir = start; ; dir = path.dirname(dir)) {
      if (existsSync(path.join(dir, ".git"))) return new Repository(dir, start);
      if (dir === path.dirname(dir)) return new Repository(start, start);
    }
  }

  /** The folders from the working folder up to the root, nearest first: where the tool config is searched. */
  foldersUp(): string[] {
    const folders: string[] = [];
    for (let dir = this.cwd; ; dir = path.dirname(dir)) {
      folders.push(dir);
      if (dir === this.root || dir === path.dirname(dir)) return folders;
    }
  }

  /**
   * Where `file` leads. A path outside the root by its own words is refused without touching the file
   * system. Otherwise the deepest part of it that exists must resolve inside the root: a missing file
   * under a link to elsewhere is refused as that link is, so what exists outside cannot be told from
   * what does not. A link to nothing, or one that cannot be followed, counts as leading out.
   */
  locate(file: string): Whereabouts {
    const absolute = path.resolve(this.cwd, file);
    if (!within(this.root, absolute) && !within(this.realRoot, absolute)) return "outside";
    for (let at = absolute; ; at = path.dirname(at)) {
      let real: string;
      try {
        real = realpathSync(at);
      } catch {
        // Nothing there (or nothing that can be followed): a link to nothing, or up to what does exist.
        if (isLink(at)) return "link";
        if (at === path.dirname(at)) return "outside";
        continue;
      }
      if (!within(this.realRoot, real)) return "link";
      return at === absolute ? "inside" : "missing";
    }
  }

  /** `file` when it leads inside the repository (or to nothing there); else the refusal, naming it as `shown`. */
  admit(file: string, shown: string = this.show(file)): string {
    const where = this.locate(file);
    if (where === "outside" || where === "link") throw this.refusal(where, shown);
    return path.resolve(this.cwd, file);
  }

  /** The refusal of a path that leads out, as an error; its words are refusalText's. */
  refusal(where: "outside" | "link", shown: string): AppError {
    const { message, hint } = this.refusalText(where, shown);
    return new AppError("config", `${message}; nothing there was read`, { hint });
  }

  /** What is said of a path that leads out: the path as written and the root, never where it leads. */
  refusalText(where: "outside" | "link", shown: string): { message: string; hint: string } {
    return where === "outside"
      ? {
          message: `'${shown}' is outside the repository (${this.root})`,
          hint: "aep-gitops reads only what the repository holds (the nearest folder with .git above the working folder): move the files into it",
        }
      : {
          message: `'${shown}' is a symbolic link, or is inside one, that leads outside the repository (${this.root}) or nowhere`,
          hint: "aep-gitops follows a link only within the repository: put the file or folder itself there",
        };
  }

  /** A path met while listing, as messages show it: relative to the working folder. */
  show(file: string): string {
    return path.relative(this.cwd, path.resolve(this.cwd, file)) || ".";
  }
}

function within(parent: string, child: string): boolean {
  const relative = path.relative(parent, child);
  return relative === "" || (relative !== ".." && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative));
}

function isLink(file: string): boolean {
  try {
    return lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}
