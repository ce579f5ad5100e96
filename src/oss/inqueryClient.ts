import type { AxiosInstance } from 'axios';
import { ossNpwp } from '../shared/identifiers.js';
import { PermanentHttpError, RetryableHttpError, parseRetryAfter } from '../shared/httpErrors.js';
import { ossHttp, withRetries, type OssClientOptions } from './ossHttp.js';

export type InqueryClientOptions = OssClientOptions;

export type InqueryQuery = { nib: string } | { npwp: string };

/**
 * Client of OSS's inqueryNIB look-up (PIA): POST {OSS_API_URL}/inqueryNIB with header
 * user_key and body {"INQUERYNIB":{"nib":…}} or {"INQUERYNIB":{"npwp":…}}; the answer is
 * {"responinqueryNIB":{"kode":200,"keterangan":"…","dataNIB":{…} | [{…}]}}.
 * Same retry rules as the feed: timeouts, 429 and 5xx retried with backoff and jitter
 * (Retry-After honoured), other 4xx not.
 */
export class InqueryClient {
  private readonly http: AxiosInstance;

  constructor(private readonly options: InqueryClientOptions) {
    this.http = ossHttp(options, { headers: { 'Content-Type': 'application/json' } });
  }

  /** The dataNIB records OSS holds for the query; empty when OSS knows none. */
  async inquery(query: InqueryQuery): Promise<Record<string, unknown>[]> {
    return withRetries(() => this.once(query), this.options, { defaultRetries: 4, capMs: 15_000 });
  }

  private async once(query: InqueryQuery): Promise<Record<string, unknown>[]> {
    let response;
    try {
      // Asked in OSS's own form: it knows an entity's NPWP by its 15 digits.
      response = await this.http.post('/inqueryNIB', { INQUERYNIB: 'npwp' in query ? { npwp: ossNpwp(query.npwp) } : query });
    } catch (error) {
      const canceled = (error as { code?: string }).code === 'ERR_CANCELED';
      throw new RetryableHttpError(`OSS inqueryNIB unreachable or timed out: ${canceled ? `no whole answer within ${this.options.timeoutMs} ms` : (error as Error).message}`);
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
    // OSS's keterangan is free text that may quote the record it refers to (a NIK, a
    // director's name), and these messages reach logs and job results: only the code is kept.
    if (kode >= 500) throw new RetryableHttpError(`OSS inqueryNIB answered kode ${kode}`);
    if (kode !== 200) throw new PermanentHttpError(`OSS inqueryNIB refused the query with kode ${JSON.stringify(inner.kode)}`, kode);
    const data = inner.dataNIB;
    if (Array.isArray(data)) return data.filter((d): d is Record<string, unknown> => !!d && typeof d === 'object');
    return data && typeof data === 'object' ? [data as Record<string, unknown>] : [];
  }
}
