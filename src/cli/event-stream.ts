// `apply --format jsonl`: apply's progress as JSON lines on stdout, one event per request to Adobe sent
// and answered, per change started and per item done (src/report/apply/events.ts renders them), then the
// summary document on one line, whatever happens: the command prints it at the end, and a command stopped
// at once (a second Ctrl-C) prints it from the items done so far. Nothing else goes to stdout.
import type { Output } from "../app/output.js";
import type { CallObserver } from "../aep/http.js";
import type { SandboxResults } from "../domain/apply/results.js";
import { renderApplyEvent, type ApplyEvent } from "../report/apply/events.js";
import type { Progress } from "./progress.js";

export interface EventStream extends Progress {
  /** Shown every request the command's HTTP client sends (AepHttp.observeCalls). */
  calls: CallObserver;
  /** The items done so far, by sandbox in the order they finished: a stopped command's summary. */
  results(): SandboxResults[];
}

export function createEventStream(output: Output): EventStream {
  const done = new Map<string, SandboxResults>();
  // The event's time is read here, at the edge: the renderer is pure.
  const emit = (event: ApplyEvent) => output.out(renderApplyEvent(event));
  return {
    calls: {
      started: (call) => emit({ type: "call-started", at: Date.now(), call }),
      finished: (call, outcome) => emit({ type: "call-finished", at: Date.now(), call, ...outcome }),
    },
    start: (sandbox, change) => emit({ type: "item-started", at: Date.now(), sandbox, change }),
    done(sandbox, item) {
      const results = done.get(sandbox) ?? { sandbox, items: [] };
      results.items.push(item);
      done.set(sandbox, results);
      emit({ type: "item-done", at: Date.now(), sandbox, item });
    },
    // The item events carry no count, so a fresh plan under the lock changes nothing here.
    replanned: () => {},
    stop: () => {},
    results: () => [...done.values()],
  };
}
