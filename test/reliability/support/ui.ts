// A person in Adobe's UI (the emulator's ui-editor client): objects made by hand (foreign to the tool),
// edits to managed flows before a run, and edits in the middle of one (scripted "after" faults: 412s).
import { MEN_OVER_50, type Lab } from "../../support/lab.js";
import { ATTRIBUTES, audiencesOf } from "./model.js";
import type { Rng } from "./rng.js";

const KINESIS = { id: "86043421-563b-46ec-8e6c-e23184711bf6", version: "1.0" };
const UPS = { id: "8a9c3494-9708-43d7-ae3f-cda01e5030e1", version: "1.0" };
const FLOW_SPEC = { id: "71471eba-b620-49e4-90fd-23f1fa0174d8", version: "1.0" };
export const FOREIGN_SECRET = "ui-typed-secret-7781";
const FLOWS = "/data/foundation/flowservice/flows";

/** A destination clicked together in the UI: its own Profile pair, account, target and flow. */
export async function createForeign(lab: Lab, name: string, sandbox = "prod"): Promise<void> {
  const created = async (apiPath: string, body: unknown) => {
    const answer = await lab.ui("POST", apiPath, { body, sandbox });
    if (answer.status !== 201) throw new Error(`UI create ${apiPath}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body.id as string;
  };
  const base = await created("/connections", { name: `${name} profile`, connectionSpec: UPS });
  const source = await created("/sourceConnections", {
    name: `${name} source`,
    connectionSpec: UPS,
    baseConnectionId: base,
    data: { format: "json" },
    params: {},
  });
  const account = await created("/connections", {
    name: `${name} account`,
    connectionSpec: KINESIS,
    auth: {
      specName: "Aws Kinesis authentication credentials",
      params: { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretKey: FOREIGN_SECRET, region: "eu-west-1" },
    },
  });
  const target = await created("/targetConnections", {
    name: `${name} target`,
    baseConnectionId: account,
    connectionSpec: KINESIS,
    data: { format: "json" },
    params: { stream: `${name}-stream`, region: "eu-west-1" },
  });
  await created("/flows", {
    name,
    description: "Made in the UI",
    flowSpec: FLOW_SPEC,
    sourceConnectionIds: [source],
    targetConnectionIds: [target],
    transformations: [
      {
        name: "GeneralTransform",
        params: {
          profileSelectors: { selectors: [{ type: "JSON_PATH", value: { path: "person.lastName" } }] },
          segmentSelectors: { selectors: [{ type: "PLATFORM_SEGMENT", value: { id: MEN_OVER_50 } }] },
        },
      },
    ],
  });
}

export interface UiEdit {
  method: string;
  path: string;
  body?: unknown;
  what: string;
}

/**
 * A random edit of a flow as the UI makes it: its description text (a person edits the text and leaves
 * the ownership marker line alone), an audience or attribute more, or switching it off or on.
 */
export function randomFlowEdit(r: Rng, flow: { id: string; description?: string }, sandbox = "prod"): UiEdit {
  const selectors = (kind: "segmentSelectors" | "profileSelectors") => `/transformations/0/params/${kind}/selectors/-`;
  const flowId = flow.id;
  switch (r.int(0, 3)) {
    case 0: {
      const marker = /\[managed by aep-gitops: [^\]]*\]\s*$/.exec(flow.description ?? "")?.[0] ?? "";
      return {
        method: "PATCH",
        path: `${FLOWS}/${flowId}`,
        body: [{ op: "replace", path: "/description", value: `Edited in the UI\n\n${marker}`.trim() }],
        what: "description",
      };
    }
    case 1: {
      const audience = r.pick(audiencesOf(sandbox).all);
      return {
        method: "PATCH",
        path: `${FLOWS}/${flowId}`,
        body: [
          {
            op: "add",
            path: selectors("segmentSelectors"),
            value: { type: "PLATFORM_SEGMENT", value: { id: audience.id } },
          },
        ],
        what: "audience+",
      };
    }
    case 2:
      return {
        method: "PATCH",
        path: `${FLOWS}/${flowId}`,
        body: [
          {
            op: "add",
            path: selectors("profileSelectors"),
            value: { type: "JSON_PATH", value: { path: r.pick(ATTRIBUTES) } },
          },
        ],
        what: "attribute+",
      };
    default:
      return { method: "POST", path: `${FLOWS}/${flowId}/action?op=${r.pick(["disable", "enable"])}`, what: "state" };
  }
}

/** Performs an edit now, through the public API with the current etag, as the UI would. */
export async function applyEdit(lab: Lab, edit: UiEdit, sandbox = "prod"): Promise<number> {
  const apiPath = edit.path.replace("/data/foundation/flowservice", "");
  if (edit.method === "POST") return (await lab.ui("POST", apiPath, { sandbox })).status;
  const id = apiPath.split("/")[2]!;
  const flow = (await lab.ui("GET", `/flows/${id}`, { sandbox })).body.items[0];
  return (await lab.ui("PATCH", apiPath, { body: edit.body, ifMatch: flow.etag, sandbox })).status;
}

/** A scripted fault: right after the tool's nth request on `route`, the UI makes `edit` (the tool's etag goes stale). */
export function raceAfter(edit: UiEdit, on: { method: string; route: string; nth: number }, sandbox = "prod") {
  return {
    method: on.method,
    route: on.route,
    client: "demo-client",
    nth: on.nth,
    action: {
      type: "after",
      request: {
        client: "ui-editor",
        method: edit.method,
        path: edit.path,
        sandbox,
        ...(edit.body !== undefined ? { body: edit.body } : {}),
      },
    },
  };
}
