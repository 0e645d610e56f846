// aep-gitops unlock: releases a sandbox lock left by an apply that is gone (a killed runner, a crashed
// laptop), as Terraform's force-unlock does, and refuses one whose apply still renews its lease.
import { lazyHandler, type CommandSpec } from "../command.js";
import { ADOBE_ENV } from "../help.js";

export const unlockCommand: CommandSpec = {
  name: "unlock",
  summary: "release a sandbox lock left behind by an apply that is gone",
  description: `Releases the sandbox lock an apply holds (a lease in the description of the sandbox's aep-gitops
Profile connection), when that apply is gone: its runner was killed, its machine crashed. It says who
holds the lock (run, host, process, GitHub Actions run, since when), then reads the lease again a
renewal interval later (a third of the lease, plus a margin): a running apply renews it in that time,
and then nothing is released. A holder on this host whose process is gone is released at once. On a
terminal it asks first (--yes skips that); elsewhere it refuses unless --yes is given. A crashed
apply's lease also runs out by itself (AEP_GITOPS_LOCK_TTL_SECONDS), and an apply on the same host
takes a dead process's lock at once: unlock is for the rest.`,
  options: [
    { name: "sandbox", description: "the sandbox whose lock to release (required)" },
    "run",
    { name: "yes", description: "release without asking (required where there is no terminal to ask on)" },
    "emulator",
    "trace",
  ],
  exitCodes: [
    [0, "released, or nothing to release"],
    [1, "an error, or a refusal: the lock's apply still renews it, or another run holds it"],
  ],
  // --sandbox only: a lock is released where a person named it, never in a default sandbox.
  env: [...ADOBE_ENV.filter((name) => name !== "AEP_SANDBOX"), "AEP_GITOPS_LOCK_TTL_SECONDS"],
  nature: "only releases a sandbox lock",
  handle: lazyHandler(() => import("../handlers/unlock.js")),
};
