// Run-start preparation of every source (LANGUAGE.md §4, §25, §26): base URL checks, credentials,
// OAuth token manager, shared rate limiter and circuit breaker, and the secrets to redact.
import { hasUsableCredentials, resolveCredentials, secretQueryParams, secretValues, type SourceCredentials } from "./auth.ts";
import { ReqonError, numberOption, type NumberRule } from "../core/errors.ts";
import { CircuitBreaker } from "./circuit.ts";
import { clockOf } from "../core/clock.ts";
import { OAuthTokens } from "./oauth.ts";
import { RateLimiter } from "./rate-limit.ts";
import { retryPolicy, type RetryPolicy } from "./retry.ts";
import type { RunOptions, SourceConfig } from "../core/types.ts";
import { checkBaseUrl } from "./url.ts";

/** A timeout: more than 0 ms. */
export const TIMEOUT: NumberRule = { min: "positive", ms: true };
const DEFAULT_TIMEOUT_MS = 30_000;

export interface SourceState {
  config: SourceConfig;
  /** Null only for the implicit `default` source without a `--base` (requests then need full URLs). */
  base: string | null;
  credentials: SourceCredentials | null;
  oauth: OAuthTokens | null;
  limiter: RateLimiter | null;
  breaker: CircuitBreaker | null;
  timeoutMs: number;
  /** The source's `retry` policy, resolved once (null: none); a request's own `retry` merges over it. */
  retry: RetryPolicy | null;
}

/** Everything shown to the outside passes through these (§31.3: no credentials in events). */
export interface Secrets {
  values: Set<string>;
  queryParams: Set<string>;
}

export interface SourceSetup {
  sources: SourceConfig[];
  options: RunOptions;
  env: (name: string) => string | null;
  emit: (event: { type: "warning"; message: string; kind?: string; source?: string } | { type: "auth.refresh"; source: string }) => void;
}

export function prepareSources(setup: SourceSetup, secrets: Secrets): Map<string, SourceState> {
  const states = new Map<string, SourceState>();
  const clock = clockOf(setup.options);
  for (const config of setup.sources) {
    const credentials = resolveCredentials(config, setup.options, setup.env);
    for (const value of secretValues(credentials)) secrets.values.add(value);
    for (const name of secretQueryParams(config.auth, credentials)) secrets.queryParams.add(name);
    if (config.auth !== "none" && !hasUsableCredentials(config.auth, credentials)) {
      setup.emit({ type: "warning", kind: "missing-credentials", source: config.name,
        message: `no credentials for source '${config.name}' (auth ${config.auth}); requests are sent without credentials` });
    }
    const timeoutMs = numberOption(config.timeout, DEFAULT_TIMEOUT_MS, TIMEOUT, `timeout of source '${config.name}'`);
    states.set(config.name, {
      config,
      base: baseOf(config, setup.options),
      credentials,
      oauth: config.auth === "oauth2" && credentials !== null
        ? new OAuthTokens(credentials, {
          source: config.name,
          timeoutMs,
          now: () => clock.now(),
          onNewToken(token, refreshToken) {
            secrets.values.add(token);
            if (refreshToken) secrets.values.add(refreshToken);
            setup.emit({ type: "auth.refresh", source: config.name });
          },
        })
        : null,
      limiter: config.rateLimit ? new RateLimiter(config.name, config.rateLimit, clock) : null,
      breaker: config.circuitBreaker ? new CircuitBreaker(config.name, config.circuitBreaker, () => clock.now()) : null,
      timeoutMs,
      retry: retryPolicy(config.retry, undefined),
    });
  }
  return states;
}

/** `baseUrls` override first; the implicit `default` source may stay without a base. */
function baseOf(config: SourceConfig, options: RunOptions): string | null {
  const override = options.baseUrls?.[config.name];
  if (override !== undefined) return checkBaseUrl(config.name, override);
  if (config.name === "default" && (config.base === null || config.base === undefined)) {
    if (config.baseRequired) {
      throw new ReqonError("CONFIG_ERROR", "the mission declares no source; give its base URL with --base default=URL");
    }
    return null;
  }
  return checkBaseUrl(config.name, config.base);
}
