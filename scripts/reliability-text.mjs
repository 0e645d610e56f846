// The words of docs/reliability.md (scripts/reliability.mjs writes the figures): what each area of the
// reliability suite does, the label of each figure it records, and the findings so far.
export const DESCRIPTIONS = {
  chaos:
    "Each run: a random earlier YAML applied (accounts, Kinesis and Event Hubs destinations, random audiences — by id, id+name or name only — attributes, states, target flags), UI-made destinations (foreign, unmarked), UI edits and deletes of managed flows, then a random new YAML (random prune), applied through the CLI (`apply --yes`) against the emulator with 20 % of requests failing (429 with every Retry-After style, 500, 502, 503, 504, connection resets; seeded by the run), a UI edit of a managed flow scripted between the tool's read and its write (412) in 70 % of runs, and a write whose answer is lost after it landed in 30 %. Up to 3 applies, faults still on; then, faults off, `plan` must exit 0. Live state is checked from the emulator's admin view, independently of the tool's planner.",
  crash:
    "A mixed apply with prune is killed (SIGKILL) right after its k-th write landed in Adobe (the emulator commits the write and never answers), for every k until an apply completes without reaching k (lease renewals are writes too). The next `apply --yes --prune` alone must converge, with no duplicate and the UI's own destination untouched, and a fresh plan must be empty.",
  interrupt:
    "A first apply (accounts and destinations of both types, some disabled) is sent SIGINT, as Ctrl-C would, while its k-th write has landed in Adobe and its answer is still on the way (the emulator commits the write and answers 600 ms later), for every k until an apply completes before k. The interrupted run must exit 130 with its summary and release the sandbox lock; the next plain `apply --yes` (default change guard, no --force) must converge without waiting for a lock, and a fresh plan must be empty.",
  concurrency:
    'Two CI runners (different IMS clients, one fingerprint key) start `apply` at the same moment. "No lost update" means: the applies are serialized (every non-lock write comes from one of them, writes never interleave, the result is exactly one YAML\'s desired state); a UI change the YAML agrees with is kept; a UI change to a field the YAML sets converges to the YAML and the apply reports whose change it overwrote; a UI change to an object the apply does not touch survives and is reported by drift; after a 412 the next write of that object follows a re-read (never a stale etag); with `--expect-checksum` a change made after review is never overwritten.',
  lock: "The sandbox lock is a lease in the Profile connection's description, taken and renewed with If-Match. These specs watch the lease from the emulator's admin view while its apply works.",
  fuzz: "Mutations of the shipped examples (each file self-contained, names suffixed per file): type swaps, truncation (characters and bytes), 10,000-level nesting, strings up to 10 MB, 200,000-character keys, billion-laughs alias bombs, UTF-16/UTF-32/Latin-1/invalid UTF-8, BOMs, NUL and control bytes, bidi and zero-width characters, escapes in quoted values, duplicate keys, byte flips, tabs, deleted/repeated lines, junk, unknown fields, bad values, merge keys, thousands of documents, CR/CRLF line endings, empty files. Every file is loaded in-process; folders of 100 go through `validate` (text and JSON), `plan` and `apply --yes`; a spread over every kind goes through them one file at a time; the files that stayed valid are planned together.",
  secrets:
    "Secret values: the Kinesis and Event Hubs keys, a rotated key, the IMS client secret, the GitHub token, a literal key typed into YAML, the UI's own key. Scanned: every CLI output (validate, plan -v in text/JSON/markdown, apply, drift in every format, import and the YAML it writes, failures where Adobe's error echoes the key), the Action's logs (outside `::add-mask::`), job summaries, outputs and every request it sent to GitHub (PR comments, issues), the golden files of the Action and report tests, and the emulator's request log. The other areas scan their own outputs too (their tables).",
  isolation:
    "A tool config maps `prod` and `dev` (same destination names in both); prod is populated (plus a UI-made destination). Every command is run for dev — validate, plan (text/JSON/markdown), apply with prune, drift, import, an apply under injected faults and a UI race, and runs with folder paths and `AEP_SANDBOX=dev` — against an emulator that refuses requests without a sandbox header.",
  auth: "IMS tokens live 2 s while an apply takes several seconds (latency injected); bad credentials of every kind must fail at once, clearly, without retry storms.",
};

export const LABELS = {
  runs: "Randomized runs",
  applies: "CLI applies (≤ 3 per run)",
  convergedAfter: "Converged after n applies",
  failedApplies: "Failed applies (partial: per-item report; beforeItems: error before any item)",
  requests: "Requests while faults were on",
  faultsInjected: "Faults injected",
  faultRate: "Measured fault rate (%)",
  conflicts412: "412 conflicts met",
  racesScripted: "Runs with a UI race",
  lostAnswers: "Runs with a lost answer",
  failures: "Failures (seed, case)",
  wallMs: "Wall time (ms)",
  scenario: "Scenario",
  writesPerApply: "Writes in the uninterrupted apply",
  writeSequence: "Write sequence",
  crashPoints: "Crash points",
  interruptPoints: "Interrupt points",
  converged: "Converged on the next run",
  rerunMs: "Re-run time (ms)",
  sameYamlRounds: "Rounds: same YAML, two runners",
  sameYamlWrites: "Object writes in those rounds",
  sameYamlWaitedForLock: "Runners that waited for the lock",
  differentYamlRounds: "Rounds: different YAMLs, two runners",
  lostRenewalAnswer: "Lost renewal answer",
  slowAdobe: "Slow Adobe, 30 creates, TTL 2 s",
  files: "Fuzzed files",
  bytes: "Bytes",
  rejected: "Rejected (errors at file:line:col)",
  acceptedAsValid: "Still valid after mutation",
  byKind: "Per kind: files, rejected, slowest load (ms)",
  exceptions: "Unhandled exceptions",
  acceptedPlanned: "Valid files planned together",
  acceptedRefusedAtPlan: "Valid files refused at plan time (unknown audience name, at file:line:col)",
  batchRuns: "CLI runs on folders",
  batchWrites: "Writes from folder runs",
  singleFiles: "Files run one by one",
  singleRuns: "CLI runs on single files",
  singleWrites: "Writes from single-file runs",
  writesReachingEmulator: "Write calls reaching the emulator",
  outputsBySource: "Outputs scanned, by source",
  cliRuns: "CLI runs",
  actionRuns: "Action runs",
  githubRequests: "Requests to GitHub",
  goldenFiles: "Golden files",
  devRuns: "Runs for dev",
  devCommands: "Commands",
  requestsChecked: "Requests checked",
  requestsToDev: "Requests to dev",
  requestsOutsideDev: "Requests outside dev (IMS aside)",
  faultedDevRequests: "Faulted requests (retried in dev)",
  prodObjects: "Prod objects",
  prodObjectsChanged: "Prod objects changed",
  tokenTtlSeconds: "Token lifetime (s)",
  applyMs: "Apply duration (ms)",
  tokensIssued: "Tokens issued during the apply",
  gatewayRejections401: "401s met (each retried once with a new token)",
  flowServiceRequests: "Flow Service requests",
  wrongSecret: "Wrong client secret (per command: ms, IMS requests)",
  unknownClient: "Unknown client id",
  wrongOrg: "Wrong org (gateway 403)",
  imsTransientFailures: "IMS 503 then 429, then a token",
  imsUnreachableMs: "IMS unreachable: time to a clear error (ms)",
  flowServiceUnreachableMs: "Flow Service unreachable: time to a clear error (ms)",
};

export const FINDINGS = `## Findings

Bugs this suite found (each has its spec):

| Finding | Status |
|---|---|
| A lease renewal whose answer was lost (it landed, its new etag never arrived) ended all renewals: every later one met 412 and was swallowed, so the lease ran out mid-apply. | Fixed (\`src/reconcile/lock.ts\`: after a 412 the renewal re-reads the lock and renews with the current etag while the lease is still its own). |
| Lease renewals waited in the HTTP client's queue (and pacing) behind the apply's own calls: under a slow or throttled Adobe the lease ran out while the apply still wrote; a second apply then took the lock and both created the same destinations (13 duplicates in the spec, scaled to a 2 s TTL; with the default 120 s TTL it needs a renewal delayed over 80 s). | Fixed (\`src/aep/http.ts\`: renewals are "urgent" requests, outside the queue and the pacing). |
| \`validate\`'s text output echoed YAML values raw: a quoted value with \`\\n::error::…\` started a line of its own (a workflow command in a CI log), and escape sequences reached the terminal. | Fixed (\`src/report/problems/problems.ts\` escapes control and bidi characters, through \`src/report/escape/terminal.ts\`). |
| Bidi controls (U+202A–U+202E, U+2066–U+2069) from a description reached the markdown plan (the PR comment) raw ("Trojan Source"). | Fixed (\`src/report/escape/markdown.ts\`). |
| The text plan showed bidi controls raw, and with \`-v\` its call bodies showed what \`JSON.stringify\` leaves raw (DEL, C1 controls such as U+009B — a CSI on some terminals —, line separators, bidi controls). | Fixed (\`src/report/plan/values.ts\`, \`text.ts\`: \`\\u\` escapes, which mean the same JSON string). |
| With folder paths, \`plan\`/\`apply\` ignored \`AEP_SANDBOX\` and used the first configured sandbox, while \`validate\` and \`import\` used \`AEP_SANDBOX\`: \`AEP_SANDBOX=dev aep-gitops apply destinations/dev\` wrote dev's YAML into prod. | Fixed (\`src/app/configuration.ts\`: \`--sandbox\`, else \`AEP_SANDBOX\`, else the first configured sandbox). |
| The full-size chaos run failed 3 of 200 cases ("target dest-2: includeSegmentTimestamps = undefined"): the YAML said \`false\`, Adobe held no such param, the planner read absent as \`false\` and called it no change, the convergence check did not. | Fixed (one meaning for a default: an absent include flag is \`false\` in the planner, drift, \`import\`, the sample and the invariants; \`docs/design.md\`, "Recovery"). |
| An interrupt (Ctrl-C, a cancelled job) said nothing, stranded the lock (the next apply waited ~2 minutes for its own dead predecessor) and, between a flow's create and its selector PATCH, left a state the change guard refused without \`--force\`. | Fixed (\`src/app/interrupt.ts\`: graceful interrupt; the guard does not count finishing this tool's creates; a dead holder on the same host is taken over at once). The "interrupt after every write" area holds it. |
| Errors of the Adobe edge were not \`AppError\`s: a read refused by the gateway (wrong org: 403), failing after every retry, or an unreachable Flow Service ended in "internal error (a bug, please report it)" and a stack trace, in the CLI and the Action. | Fixed (\`src/aep/errors.ts\`: \`AepApiError\`, \`NetworkError\` and \`AmbiguousWriteError\` are \`AppError\`s with a hint). |

Observations (by design, documented):

- Without a tool config, \`AEP_SANDBOX\` names the one sandbox; with a config that lists sandboxes and no folder paths, it is ignored (README: "the sandbox when there is no tool config"): \`AEP_SANDBOX=dev aep-gitops apply\` applies every configured sandbox. Use \`--sandbox dev\`.
- Two runners with different IMS clients and no shared \`AEP_GITOPS_FINGERPRINT_KEY\` compute different credential fingerprints, so each apply rewrites the account credentials the other wrote (a "rotation" in every plan). Share the key.
- A person who deletes the ownership marker from a description in Adobe's UI turns the object foreign: the next plan refuses with the \`import\` hint rather than taking it over (the chaos runs' UI edits keep the marker for that reason).
- A killed apply leaves its lease line in the Profile connection's description: on the same host the next apply sees its process is gone and takes the lock at once; elsewhere it runs out after its TTL, or \`aep-gitops unlock\` releases it (a no-op apply takes no lock and leaves it).`;
