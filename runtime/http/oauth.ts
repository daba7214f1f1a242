// OAuth2 access tokens of one source (LANGUAGE.md §26): client-credentials fetch, refresh before
// expiry and after a 401, every token request single-flight. Tokens live only for the run.
import { cancelledError, type Cancellation } from "../core/cancel.ts";
import type { SourceCredentials } from "./auth.ts";
import { ReqonError } from "../core/errors.ts";
import { sendAttempt } from "./send.ts";

const EXPIRY_MARGIN_MS = 60_000;

export interface OAuthDeps {
  source: string;
  timeoutMs: number;
  /** The run's wall clock (Date.now unless a test injects one), for token expiry. */
  now(): number;
  /** Called after every new token (emits `auth.refresh`, registers the token as a secret). */
  onNewToken(token: string, refreshToken: string | null): void;
}

type Grant = "client_credentials" | "refresh_token";

export class OAuthTokens {
  private accessToken: string | null;
  private refreshToken: string | null;
  private expiresAtMs: number | null;
  private inflight: Promise<void> | null = null;

  constructor(private readonly creds: SourceCredentials, private readonly deps: OAuthDeps) {
    this.accessToken = creds.accessToken || null;
    this.refreshToken = creds.refreshToken || null;
    const expiry = creds.expiresAt ? Date.parse(creds.expiresAt) : NaN;
    this.expiresAtMs = Number.isNaN(expiry) ? null : expiry;
  }

  /** The token for the next request, fetched or refreshed first when needed. */
  async token(signal: Cancellation): Promise<string | null> {
    if (this.inflight) await this.inflight;
    if (!this.accessToken && this.canUseClientCredentials()) await this.fetch("client_credentials", signal);
    else if (this.accessToken && this.expiresSoon() && this.canRefresh()) await this.fetch("refresh_token", signal);
    return this.accessToken;
  }

  /**
   * After a 401 answered to `used`: renew once (refresh token, else client credentials) unless
   * another request already did. Null when the token cannot be renewed (the 401 is final).
   */
  async renewAfter401(used: string | null, signal: Cancellation): Promise<string | null> {
    if (this.inflight) await this.inflight;
    if (this.accessToken !== used) return this.accessToken;
    if (this.canRefresh()) await this.fetch("refresh_token", signal);
    else if (this.canUseClientCredentials()) await this.fetch("client_credentials", signal);
    else return null;
    return this.accessToken;
  }

  private canRefresh(): boolean {
    return Boolean(this.refreshToken && this.creds.tokenUrl);
  }

  private canUseClientCredentials(): boolean {
    return Boolean(this.creds.clientId && this.creds.clientSecret && this.creds.tokenUrl);
  }

  private expiresSoon(): boolean {
    return this.expiresAtMs !== null && this.expiresAtMs - this.deps.now() < EXPIRY_MARGIN_MS;
  }

  /** Single flight: callers arriving while a token request runs share it. */
  private fetch(grant: Grant, signal: Cancellation): Promise<void> {
    this.inflight ??= this.requestToken(grant, signal).finally(() => {
      this.inflight = null;
    });
    return this.inflight;
  }

  private async requestToken(grant: Grant, signal: Cancellation): Promise<void> {
    const form = new URLSearchParams({ grant_type: grant });
    if (grant === "refresh_token") form.set("refresh_token", this.refreshToken ?? "");
    if (this.creds.clientId) form.set("client_id", this.creds.clientId);
    if (this.creds.clientSecret) form.set("client_secret", this.creds.clientSecret);
    if (grant === "client_credentials" && this.creds.scopes?.length) form.set("scope", this.creds.scopes.join(" "));
    const outcome = await sendAttempt({
      method: "POST",
      url: this.creds.tokenUrl as string,
      headers: { Accept: "application/json", "Content-Type": "application/x-www-form-urlencoded" },
      body: form.toString(),
      timeoutMs: this.deps.timeoutMs,
      signal,
    });
    const fail = (why: string): ReqonError =>
      new ReqonError("AUTH_ERROR", `token request for source '${this.deps.source}' failed: ${why}`);
    switch (outcome.kind) {
      case "cancelled": throw cancelledError();
      case "timeout": throw fail(`timed out after ${this.deps.timeoutMs} ms`);
      case "network": throw fail(`network error: ${outcome.detail}`);
      case "bad-json": throw fail(`response is not valid JSON (${outcome.detail})`);
      case "response": {
        if (outcome.status < 200 || outcome.status > 299) throw fail(`HTTP ${outcome.status}`);
        const body = typeof outcome.body === "string" ? tryJson(outcome.body) : outcome.body;
        const fields = (body ?? {}) as Record<string, unknown>;
        if (typeof fields.access_token !== "string" || fields.access_token === "") throw fail("response has no access_token");
        this.accessToken = fields.access_token;
        if (typeof fields.refresh_token === "string" && fields.refresh_token !== "") this.refreshToken = fields.refresh_token;
        const expiresIn = Number(fields.expires_in);
        this.expiresAtMs = Number.isFinite(expiresIn) && fields.expires_in !== null ? this.deps.now() + expiresIn * 1000 : null;
        this.deps.onNewToken(this.accessToken, this.refreshToken);
        return;
      }
      default: {
        const unexpected: never = outcome;
        throw new Error(`unexpected outcome ${JSON.stringify(unexpected)}`);
      }
    }
  }
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
