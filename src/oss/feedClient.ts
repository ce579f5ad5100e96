import axios, { type AxiosInstance } from 'axios';
import { feedPageSchema, type FeedPage } from '../../schemas/oss.js';
import { PermanentHttpError, RetryableHttpError, backoffDelay, parseRetryAfter } from '../shared/httpErrors.js';
import { describeIssues } from '../shared/zodIssues.js';

export interface FeedClientOptions {
  baseUrl: string;
  userKey?: string;
  timeoutMs: number;
  /** Quick in-process retries of timeouts and 5xx before giving the job back to the queue. */
  retries?: number;
  retryBaseMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Client of the OSS-style pull feed: GET {base}/permits?cursor=&limit= with header
 * user_key, answering {"data":[dataNIB…],"next_cursor":"…","has_more":bool}.
 */
export class FeedClient {
  private readonly http: AxiosInstance;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: FeedClientOptions) {
    this.http = axios.create({
      baseURL: options.baseUrl.replace(/\/+$/, ''),
      timeout: options.timeoutMs,
      headers: options.userKey ? { user_key: options.userKey } : {},
      // Bodies are parsed by us so a truncated page is reported as such.
      responseType: 'text',
      transformResponse: (data: unknown) => data,
      validateStatus: () => true,
      maxRedirects: 0,
    });
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  async fetchPage(cursor: string | null, limit: number, since?: string): Promise<FeedPage> {
    const retries = this.options.retries ?? 3;
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await this.fetchOnce(cursor, limit, since);
      } catch (error) {
        // 429 goes straight back to the queue's rate limiter; other transient errors retry here first.
        if (!(error instanceof RetryableHttpError) || error.rateLimited || attempt >= retries) throw error;
        await this.sleep(error.retryAfterMs ?? backoffDelay(attempt, this.options.retryBaseMs ?? 500, 10_000));
      }
    }
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
