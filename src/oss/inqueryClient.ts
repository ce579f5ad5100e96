import axios, { type AxiosInstance } from 'axios';
import { PermanentHttpError, RetryableHttpError, backoffDelay, parseRetryAfter } from '../shared/httpErrors.js';

/**
 * Client of OSS's inqueryNIB look-up (PIA): POST {OSS_API_URL}/inqueryNIB with header
 * user_key and body {"INQUERYNIB":{"nib":…}} or {"INQUERYNIB":{"npwp":…}}; the answer is
 * {"responinqueryNIB":{"kode":200,"keterangan":"…","dataNIB":{…} | [{…}]}}.
 * Same retry rules as the feed: timeouts, 429 and 5xx retried with backoff and jitter
 * (Retry-After honoured), other 4xx not.
 */
export interface InqueryClientOptions {
  baseUrl: string;
  userKey?: string;
  timeoutMs: number;
  retries?: number;
  retryBaseMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

export type InqueryQuery = { nib: string } | { npwp: string };

export class InqueryClient {
  private readonly http: AxiosInstance;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: InqueryClientOptions) {
    this.http = axios.create({
      baseURL: options.baseUrl.replace(/\/+$/, ''),
      timeout: options.timeoutMs,
      headers: { 'Content-Type': 'application/json', ...(options.userKey ? { user_key: options.userKey } : {}) },
      validateStatus: () => true,
      maxRedirects: 0,
    });
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /** The dataNIB records OSS holds for the query; empty when OSS knows none. */
  async inquery(query: InqueryQuery): Promise<Record<string, unknown>[]> {
    const retries = this.options.retries ?? 4;
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await this.once(query);
      } catch (error) {
        if (!(error instanceof RetryableHttpError) || attempt >= retries) throw error;
        await this.sleep(error.retryAfterMs ?? backoffDelay(attempt, this.options.retryBaseMs ?? 500, 15_000));
      }
    }
  }

  private async once(query: InqueryQuery): Promise<Record<string, unknown>[]> {
    let response;
    try {
      response = await this.http.post('/inqueryNIB', { INQUERYNIB: query });
    } catch (error) {
      throw new RetryableHttpError(`OSS inqueryNIB unreachable or timed out: ${(error as Error).message}`);
    }
    const { status } = response;
    if (status === 429) throw new RetryableHttpError('OSS inqueryNIB rate limit (HTTP 429)', parseRetryAfter(response.headers['retry-after']) ?? 5_000, true);
    if (status >= 500 || status === 408) throw new RetryableHttpError(`OSS inqueryNIB answered HTTP ${status}`, parseRetryAfter(response.headers['retry-after']));
    if (status === 404) return [];
    if (status === 401 || status === 403) throw new PermanentHttpError(`OSS inqueryNIB refused the credentials (HTTP ${status}); check OSS_USER_KEY`, status);
    if (status < 200 || status >= 300) throw new PermanentHttpError(`OSS inqueryNIB answered HTTP ${status}`, status);
    const body = response.data as { responinqueryNIB?: { kode?: number | string; keterangan?: string; dataNIB?: unknown } } | undefined;
    const inner = body?.responinqueryNIB;
    if (!inner || typeof inner !== 'object') throw new RetryableHttpError('OSS inqueryNIB answer has no responinqueryNIB object');
    const kode = Number(inner.kode ?? 200);
    if (kode === 404) return [];
    if (kode >= 500) throw new RetryableHttpError(`OSS inqueryNIB kode ${kode}: ${inner.keterangan ?? ''}`);
    if (kode !== 200) throw new PermanentHttpError(`OSS inqueryNIB kode ${kode}: ${inner.keterangan ?? ''}`, kode);
    const data = inner.dataNIB;
    if (Array.isArray(data)) return data.filter((d): d is Record<string, unknown> => !!d && typeof d === 'object');
    return data && typeof data === 'object' ? [data as Record<string, unknown>] : [];
  }
}
