// What makes a destination type a type: Adobe's ids and names for it, its credential fields, its target
// params, and the names of its branch in schemas/aep-gitops.schema.json. One file per type beside this
// one (octoDNS gives each record type a file, release-please each strategy); everything else in src/
// reads these facts from the registry (index.ts), and a test holds the schema's branches against it.

/**
 * How a credential field is treated: `secret` is write-only (the schema's writeOnly, only ever
 * `${env:NAME}`, masked in every output); `key` identifies an account but is sensitive (Adobe shows it,
 * so import writes it as Adobe returns it; outputs mask its value); `setting` is plain configuration (a
 * region, a namespace). Import asks the sandbox's connection spec which fields are secret first
 * (`format: password`), and falls back to these roles only where the spec cannot be read.
 */
export type CredentialRole = "secret" | "key" | "setting";

export interface CredentialField {
  /** As Adobe's authSpec names it, and as the YAML's `credentials` spells it. */
  name: string;
  role: CredentialRole;
}

export interface TargetParam {
  /** As Adobe's targetSpec names it, and as the YAML's `target` spells it. */
  name: string;
  /** Booleans Adobe may leave out mean false: both sides are normalised before they are compared. */
  kind: "string" | "boolean";
  /** Part of where the data goes (a stream and its region, an event hub), not how it is formatted. */
  where?: boolean;
}

export interface DestinationTypeSpec {
  /** The YAML's `type`. */
  readonly type: string;
  /** How people name the platform ("Amazon Kinesis"). */
  readonly label: string;
  /** What one target is called ("stream", "event hub"): two destinations on one are worth a warning. */
  readonly targetNoun: string;
  /** Adobe's connection spec of the type's base and target connections (shared with its source). */
  readonly connectionSpecId: string;
  /** The `auth.specName` of the base connection, as Adobe's tutorial names it. */
  readonly authSpecName: string;
  /** The audience origins (the Audiences API's `originName`) the destination can export, from its catalogue page. */
  readonly audienceOrigins: readonly string[];
  readonly credentials: readonly CredentialField[];
  /**
   * Adobe estimates the identities activated, excluded and failed of this type's dataflow runs
   * (help/dataflows/ui/monitor-destinations.md): the health report labels those figures as estimates.
   */
  readonly estimatedIdentityMetrics: boolean;
  readonly targetParams: readonly TargetParam[];
  /** The definitions of the type's branch in schemas/aep-gitops.schema.json. */
  readonly schema: {
    readonly typeConst: string;
    readonly account: string;
    readonly destination: string;
    readonly credentials: string;
    readonly target: string;
  };
}
