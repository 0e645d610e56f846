// Whether Adobe lets anyone PATCH this sandbox's connections, asked without changing anything: a PATCH
// whose If-Match names no version of the object. Adobe turns the feature off for a whole organization
// (FLOW-1445-400 "PATCH Connection Feature not enabled") and checks it before it reads the object, as a
// gateway checks a method it refuses (405): where PATCH is off the answer is that refusal, where it is on
// a 412 (version not matching), and nothing is written either way. The body sets the object's name to the
// name it has, so even an Adobe that ignored If-Match would change nothing.
import { AepApiError } from "../aep/errors.js";
import type { FlowServicePort } from "../aep/flow-service.js";
import type { DesiredSandbox } from "../domain/state/desired.js";
import type { LiveSandbox } from "../domain/state/live.js";
import type { SandboxPlan } from "../domain/plan/plan.js";
import type { PlanOptions } from "../domain/plan/context.js";
import { patchedConnection } from "../domain/plan/connection-writes.js";
import { planSandbox } from "../domain/plan/planner.js";
import { refusalReason } from "./lease.js";
import { refusedLockWrite } from "./lock-object.js";

const NO_VERSION = '"aep-gitops-probe-no-such-version"';

/** Adobe's refusal of PATCH on connections, or undefined when it allows it (or the answer says neither). */
export async function probeConnectionPatch(
  port: FlowServicePort,
  connection: { id: string; name: string },
): Promise<AepApiError | undefined> {
  try {
    await port.call("PATCH", `/connections/${connection.id}`, {
      body: [{ op: "replace", path: "/name", value: connection.name }],
      ifMatch: NO_VERSION,
    });
    return undefined;
  } catch (error) {
    // Anything else (412 above all, a 404, a network failure) does not say PATCH is refused.
    return error instanceof AepApiError ? refusedLockWrite(error) : undefined;
  }
}

/**
 * The sandbox's plan. When it adopts an account (a PATCH of its connection sets the ownership marker),
 * Adobe is asked first whether it allows that, and where it does not the plan is made again knowing it:
 * the adoption is refused at plan, with the reason and what to do, instead of failing in the middle of
 * an apply. Adoption happens once per object, so the question costs one call once. Other account
 * writes in place (rename, description, rotation) are not asked about at plan: the apply's own take of
 * the sandbox lock is a PATCH of a connection too, and its refusal refuses them before any write.
 * A 403 is not taken as Adobe's answer here: a plan's credential may be read-only (a pull request's);
 * the apply's take decides then.
 */
export async function planKnowingConnectionPatch(
  port: FlowServicePort,
  desired: DesiredSandbox,
  live: LiveSandbox,
  options: PlanOptions,
): Promise<SandboxPlan> {
  const plan = planSandbox(desired, live, options);
  const adoptions = plan.changes.filter((c) => c.action === "adopt");
  const id = live.connectionPatchRefused === undefined ? patchedConnection(adoptions) : undefined;
  if (id === undefined) return plan;
  const name = live.connections.find((c) => c.id === id)?.name ?? "";
  const refusal = await probeConnectionPatch(port, { id, name });
  if (!refusal || refusal.status === 403) return plan;
  live.connectionPatchRefused = refusalReason(refusal);
  return planSandbox(desired, live, options);
}
