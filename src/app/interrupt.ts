// Graceful interrupt, as Terraform does it. The first SIGINT (Ctrl-C) or SIGTERM (a cancelled or
// timed-out CI job) stops new writes: the calls in flight finish, the sandbox lock is released, the
// results are reported, and the command exits 130 (SIGINT) or 143 (SIGTERM). A second signal, or calls in
// flight that outlast the grace period, stop the command at once. Either way nothing is left that the next
// apply cannot converge: every create carries its ownership marker, and the next plan finishes a flow
// whose selectors were never set without counting it as a change.

export type StopSignal = "SIGINT" | "SIGTERM";

/** Where signals come from: the process in the CLI and the Action, nothing in tests run in-process. */
export interface SignalSource {
  on(signal: StopSignal, listener: () => void): unknown;
  off(signal: StopSignal, listener: () => void): unknown;
}

export interface Interrupt {
  /** True once a signal arrived: start no new write. */
  requested(): boolean;
  /** The signal received, if any. */
  signal(): StopSignal | undefined;
  /** 130 after SIGINT, 143 after SIGTERM (128 + the signal's number, as shells report it). */
  exitCode(): number;
  /** Stops listening: the default behaviour of the signals is back. */
  dispose(): void;
}

export interface InterruptHandlers {
  /** The first signal: say what happens now. */
  first(signal: StopSignal): void;
  /** A second signal, or the grace period over: stop at once (the handler exits the process). */
  now(signal: StopSignal, why: "second signal" | "grace period over"): void;
}

export const EXIT_ON: Record<StopSignal, number> = { SIGINT: 130, SIGTERM: 143 };

/** How long calls in flight may take after the first signal (AEP_GITOPS_INTERRUPT_GRACE_SECONDS). */
export function graceMs(env: Record<string, string | undefined>): number {
  const seconds = Number(env.AEP_GITOPS_INTERRUPT_GRACE_SECONDS);
  return (Number.isFinite(seconds) && seconds > 0 ? seconds : 30) * 1000;
}

export function watchInterrupts(
  source: SignalSource | undefined,
  handlers: InterruptHandlers,
  grace: number,
): Interrupt {
  let received: StopSignal | undefined;
  let timer: NodeJS.Timeout | undefined;
  const listeners = (["SIGINT", "SIGTERM"] as const).map((signal) => {
    const listener = () => {
      if (received) return handlers.now(signal, "second signal");
      received = signal;
      handlers.first(signal);
      timer = setTimeout(() => handlers.now(signal, "grace period over"), grace);
      timer.unref();
    };
    source?.on(signal, listener);
    return [signal, listener] as const;
  });
  return {
    requested: () => received !== undefined,
    signal: () => received,
    exitCode: () => (received ? EXIT_ON[received] : 0),
    dispose() {
      if (timer) clearTimeout(timer);
      for (const [signal, listener] of listeners) source?.off(signal, listener);
    },
  };
}
