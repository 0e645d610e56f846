// A fake Adobe IMS on the same origin: POST /ims/token/v3 with the client-credentials grant (form body or
// query string), answering {access_token, token_type: "bearer", expires_in} or RFC 6749 errors.
// Tokens are JWT-shaped like Adobe's (expires_in/created_at in ms inside), and checked by lookup.
import { randomBytes } from "node:crypto";
import { imsError } from "./errors.js";
import type { EmuRequest, EmuResponse } from "./http.js";
import type { ClientConfig } from "./config.js";

export interface IssuedToken {
  clientId: string;
  expiresAt: number;
}

export class TokenStore {
  private readonly tokens = new Map<string, IssuedToken>();

  issue(clientId: string, ttlSeconds: number, scope: string, now = Date.now()): string {
    const header = { alg: "RS256", typ: "JWT", kid: "ims_na1-key-at-1", itt: "at", x5u: "ims_na1-key-at-1.cer" };
    const payload = {
      id: `${now}_${randomBytes(8).toString("hex")}_ue1`,
      type: "access_token",
      client_id: clientId,
      user_id: `${clientId}@AdobeID`,
      as: "ims-na1",
      ctp: 0,
      created_at: String(now),
      expires_in: String(ttlSeconds * 1000),
      scope,
    };
    const part = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString("base64url");
    const token = `${part(header)}.${part(payload)}.${randomBytes(32).toString("base64url")}`;
    this.tokens.set(token, { clientId, expiresAt: now + ttlSeconds * 1000 });
    this.prune(now);
    return token;
  }

  /** The client of a valid token, or undefined for an unknown or expired one. */
  verify(token: string, now = Date.now()): IssuedToken | undefined {
    const issued = this.tokens.get(token);
    if (!issued || issued.expiresAt <= now) return undefined;
    return issued;
  }

  dump(): [string, IssuedToken][] {
    return [...this.tokens.entries()];
  }

  load(entries: [string, IssuedToken][]): void {
    for (const [token, issued] of entries) this.tokens.set(token, issued);
  }

  clear(): void {
    this.tokens.clear();
  }

  private prune(now: number): void {
    if (this.tokens.size < 10_000) return;
    for (const [token, issued] of this.tokens) if (issued.expiresAt <= now) this.tokens.delete(token);
  }
}

/** Reads the grant parameters from the query string and a form-encoded body (the body wins). */
export function grantParams(req: EmuRequest): URLSearchParams {
  const params = new URLSearchParams(req.query);
  const type = (req.headers["content-type"] ?? "").toLowerCase();
  if (req.body.length > 0 && type.startsWith("application/x-www-form-urlencoded")) {
    for (const [key, value] of new URLSearchParams(req.body.toString("utf8"))) params.set(key, value);
  }
  return params;
}

export function handleToken(
  req: EmuRequest,
  clients: readonly ClientConfig[],
  tokens: TokenStore,
  ttlSeconds: number,
  now = Date.now(),
): EmuResponse {
  const params = grantParams(req);
  const grantType = params.get("grant_type");
  if (!grantType) throw imsError(400, "invalid_request", "Missing required parameter: grant_type");
  if (grantType !== "client_credentials")
    throw imsError(400, "unsupported_grant_type", `Unsupported grant type: ${grantType}`);
  const clientId = params.get("client_id");
  const clientSecret = params.get("client_secret");
  if (!clientId) throw imsError(400, "invalid_request", "Missing required parameter: client_id");
  const client = clients.find((c) => c.clientId === clientId);
  if (!client || client.clientSecret !== clientSecret)
    throw imsError(401, "invalid_client", "invalid client_id parameter or client_secret");
  const scope =
    params.get("scope") ?? "openid,AdobeID,read_organizations,additional_info.projectedProductContext,session";
  const token = tokens.issue(client.clientId, ttlSeconds, scope, now);
  return { status: 200, body: { access_token: token, token_type: "bearer", expires_in: ttlSeconds } };
}
