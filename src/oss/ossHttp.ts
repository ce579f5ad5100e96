import axios, { type AxiosInstance, type CreateAxiosDefaults } from 'axios';
import { RetryableHttpError, backoffDelay } from '../shared/httpErrors.js';

/** What every OSS client is configured with. */
export interface OssClientOptions {
  baseUrl: string;
  userKey?: string;
  timeoutMs: number;
  /** Quick in-process retries of retryable failures. */
  retries?: number;
  retryBaseMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * An axios instance for OSS: timeout, user_key, no redirects, every status returned to the
 * caller. The timeout bounds each whole request (a signal per request), not only each
 * silence on the socket (axios's own timeout): a server trickling a page would otherwise
 * hold the sync for good.
 */
export function ossHttp(options: OssClientOptions, extra: CreateAxiosDefaults = {}): AxiosInstance {
  const http = axios.create({
    ...extra,
    baseURL: options.baseUrl.replace(/\/+$/, ''),
    timeout: options.timeoutMs,
    headers: { ...(extra.headers as Record<string, string> | undefined), ...(options.userKey ? { user_key: options.userKey } : {}) },
    validateStatus: () => true,
    maxRedirects: 0,
  });
  http.interceptors.request.use((config) => ({ ...config, signal: config.signal ?? AbortSignal.timeout(options.timeoutMs) }));
  return http;
}

/**
 * The longest Retry-After a call sleeps through. A server asking for longer (hours, by
 * mistake or in an outage) gets the failure handed back to the job, whose own retries and
 * backoff take over: a sleeping call holds a worker slot, and a worker that is shut down
 * waits for it.
 */
export const MAX_IN_CALL_RETRY_AFTER_MS = 30_000;

/**
 * Runs a call, retrying retryable failures with full-jitter exponential backoff (or the
 * server's Retry-After, up to MAX_IN_CALL_RETRY_AFTER_MS). `passRateLimits` hands 429s
 * straight back to the caller, for a queue to pause on instead of sleeping here.
 */
export async function withRetries<T>(
  call: () => Promise<T>,
  options: OssClientOptions,
  policy: { defaultRetries: number; capMs: number; passRateLimits?: boolean },
): Promise<T> {
  const retries = options.retries ?? policy.defaultRetries;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await call();
    } catch (error) {
      if (!(error instanceof RetryableHttpError) || (policy.passRateLimits && error.rateLimited) || attempt >= retries) throw error;
      if (error.retryAfterMs !== null && error.retryAfterMs > MAX_IN_CALL_RETRY_AFTER_MS) {
        throw new RetryableHttpError(
          `${error.message}, asking to retry after ${Math.round(error.retryAfterMs / 1000)} s, longer than a call waits (${MAX_IN_CALL_RETRY_AFTER_MS / 1000} s)`,
          error.retryAfterMs,
          error.rateLimited,
        );
      }
      await sleep(error.retryAfterMs ?? backoffDelay(attempt, options.retryBaseMs ?? 500, policy.capMs));
    }
  }
}
