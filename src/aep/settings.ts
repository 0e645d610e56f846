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

export const DEFAULT_SCOPES = "openid,AdobeID,read_organizations,additional_info.projectedProductContext,session";

export function settingsFromEnv(env: Record<string, string | undefined>): AepSettings {
  const missing = ["AEP_CLIENT_ID", "AEP_CLIENT_SECRET", "AEP_ORG_ID"].filter((name) => !env[name]);
  if (missing.length > 0) {
    throw new AppError(
      "config",
      `Adobe credentials are not configured: ${missing.join(", ")} ${missing.length === 1 ? "is" : "are"} not set.`,
      {
        hint: "Set them from your Adobe Developer Console project (server-to-server OAuth), or try everything locally with --emulator.",
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

function trimSlash(url: string): string {
  return url.replace(/\/+$/, "");
}
