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

/** An axios instance for OSS: timeout, user_key, no redirects, every status returned to the caller. */
export function ossHttp(options: OssClientOptions, extra: CreateAxiosDefaults = {}): AxiosInstance {
  return axios.create({
    ...extra,
    baseURL: options.baseUrl.replace(/\/+$/, ''),
    timeout: options.timeoutMs,
    headers: { ...(extra.headers as Record<string, string> | undefined), ...(options.userKey ? { user_key: options.userKey } : {}) },
    validateStatus: () => true,
    maxRedirects: 0,
  });
}

/**
 * Runs a call, retrying retryable failures with full-jitter exponential backoff (or the
 * server's Retry-After). `passRateLimits` hands 429s straight back to the caller, for a
 * queue to pause on instead of sleeping here.
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
      await sleep(error.retryAfterMs ?? backoffDelay(attempt, options.retryBaseMs ?? 500, policy.capMs));
    }
  }
}
