import type { AxiosInstance } from 'axios';
import { feedPageSchema, type FeedPage } from '../../schemas/oss.js';
import { PermanentHttpError, RetryableHttpError, parseRetryAfter } from '../shared/httpErrors.js';
import { ossHttp, withRetries, type OssClientOptions } from './ossHttp.js';
import { describeIssues } from '../shared/zodIssues.js';

export type FeedClientOptions = OssClientOptions;

/**
 * The feed refused a cursor it gave: gone (410), unknown (404) or no longer valid (400).
 * Feeds expire their cursors; the feed must then be read again from its start.
 */
export class FeedCursorExpired extends Error {
  constructor(readonly cursor: string, readonly status: number) {
    super(`OSS feed no longer takes cursor ${JSON.stringify(cursor)} (HTTP ${status})`);
    this.name = 'FeedCursorExpired';
  }
}

/** Answers to a request with a cursor that say the cursor, not the request, is what failed. */
const CURSOR_REFUSED = new Set([400, 404, 410]);

/**
 * Client of the OSS-style pull feed: GET {base}/permits?cursor=&limit= with header
 * user_key, answering {"data":[dataNIB…],"next_cursor":"…","has_more":bool}.
 */
export class FeedClient {
  private readonly http: AxiosInstance;

  constructor(private readonly options: FeedClientOptions) {
    // Bodies are parsed by us so a truncated page is reported as such.
    this.http = ossHttp(options, { responseType: 'text', transformResponse: (data: unknown) => data });
  }

  async fetchPage(cursor: string | null, limit: number, since?: string): Promise<FeedPage> {
    // 429 goes straight back to the queue's rate limiter; other transient errors retry here first.
    return withRetries(() => this.fetchOnce(cursor, limit, since), this.options, { defaultRetries: 3, capMs: 10_000, passRateLimits: true });
  }

  private async fetchOnce(cursor: string | null, limit: number, since?: string): Promise<FeedPage> {
    const params: Record<string, string | number> = { limit };
    if (cursor) params.cursor = cursor;
    else if (since) params.since = since;
    let response;
    try {
      response = await this.http.get<string>('/permits', { params });
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'ERR_CANCELED') throw new RetryableHttpError(`OSS feed timed out: no whole answer within ${this.options.timeoutMs} ms`);
      throw new RetryableHttpError(`OSS feed ${code === 'ECONNABORTED' || code === 'ETIMEDOUT' ? 'timed out' : 'unreachable'}: ${(error as Error).message}`);
    }
    const { status } = response;
    if (status === 429) {
      throw new RetryableHttpError('OSS feed rate limit (HTTP 429)', parseRetryAfter(response.headers['retry-after']) ?? 30_000, true);
    }
    if (status >= 500 || status === 408) {
      throw new RetryableHttpError(`OSS feed answered HTTP ${status}`, parseRetryAfter(response.headers['retry-after']));
    }
    if (status === 401 || status === 403) {
      throw new PermanentHttpError(`OSS feed refused the credentials (HTTP ${status}); check OSS_USER_KEY`, status);
    }
    // Asked again without the cursor, a refusal that is not the cursor's fails as before.
    if (cursor !== null && CURSOR_REFUSED.has(status)) throw new FeedCursorExpired(cursor, status);
    if (status < 200 || status >= 300) throw new PermanentHttpError(`OSS feed answered HTTP ${status}`, status);
    let json: unknown;
    try {
      json = JSON.parse(response.data);
    } catch {
      throw new RetryableHttpError(`OSS feed page is not valid JSON (${String(response.data).length} bytes, cursor ${cursor ?? 'start'})`);
    }
    const page = feedPageSchema.safeParse(json);
    if (!page.success) throw new RetryableHttpError(`OSS feed page does not follow the feed contract: ${describeIssues(page.error)}`);
    return page.data;
  }
}
