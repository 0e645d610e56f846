// Connection settings for Adobe, read from the environment at the composition root only.
import { AppError } from "../errors.js";

export interface AepSettings {
  clientId: string;
  clientSecret: string;
  orgId: string;
  scopes: string;
  platformUrl: string;
  imsUrl: string;
}

const DEFAULT_SCOPES = "openid,AdobeID,read_organizations,additional_info.projectedProductContext,session";

export function settingsFromEnv(env: Record<string, string | undefined>): AepSettings {
  const missing = ["AEP_CLIENT_ID", "AEP_CLIENT_SECRET", "AEP_ORG_ID"].filter((name) => !env[name]);
  if (missing.length > 0) {
    const inActions = env.GITHUB_ACTIONS === "true";
    throw new AppError(
      "config",
      `Adobe credentials are not configured: ${missing.join(", ")} ${missing.length === 1 ? "is" : "are"} not set${inActions ? " for this step" : ""}.`,
      {
        hint: inActions
          ? githubHint(missing)
          : "Set them from your Adobe Developer Console project (server-to-server OAuth), or try everything locally with --emulator.",
      },
    );
  }
  return {
    clientId: env.AEP_CLIENT_ID!,
    clientSecret: env.AEP_CLIENT_SECRET!,
    orgId: env.AEP_ORG_ID!,
    scopes: env.AEP_SCOPES || DEFAULT_SCOPES,
    platformUrl: trimSlash(env.AEP_PLATFORM_URL || "https://platform.adobe.io"),
    imsUrl: trimSlash(env.AEP_IMS_URL || "https://ims-na1.adobelogin.com"),
  };
}

/**
 * In a GitHub workflow each setting is one name to add in one place, then one line of the step's `env:`,
 * as the example workflows (examples/workflows/) have them: the org id a variable, the client a secret.
 */
function githubHint(missing: string[]): string {
  const where = missing.map((name) =>
    name === "AEP_ORG_ID"
      ? "add AEP_ORG_ID as a variable (Settings → Secrets and variables → Actions → Variables, of the repository or of the job's environment) and pass it under env: (AEP_ORG_ID: ${{ vars.AEP_ORG_ID }})"
      : `add ${name} as a secret (Settings → Secrets and variables → Actions → Secrets, of the repository or of the job's environment) and pass it under env: (${name}: \${{ secrets.${name} }})`,
  );
  return `For the aep-gitops step: ${where.join("; ")}. A secret or variable reaches the Action only through the step's env:, as in examples/workflows/.`;
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, "");
}
