/** A call that may succeed later (timeout, 429, 5xx, malformed answer). */
export class RetryableHttpError extends Error {
  constructor(message: string, readonly retryAfterMs: number | null = null, readonly rateLimited = false) {
    super(message);
    this.name = 'RetryableHttpError';
  }
}

/** A call that will not succeed by repeating it (401, 403, 404, other 4xx). */
export class PermanentHttpError extends Error {
  constructor(message: string, readonly status: number) {
    super(message);
    this.name = 'PermanentHttpError';
  }
}

/** Retry-After as seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: unknown, now = Date.now()): number | null {
  if (typeof value !== 'string' || !value.trim()) return null;
  const trimmed = value.trim();
  if (/^[0-9]+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/** Full-jitter exponential backoff: a random delay in [0, min(cap, base·2^attempt)]. */
export function backoffDelay(attempt: number, baseMs: number, capMs: number, random: () => number = Math.random): number {
  return Math.floor(random() * Math.min(capMs, baseMs * 2 ** attempt));
}
