import Fastify, { type FastifyInstance } from 'fastify';

/**
 * An OSS-style pull feed serving dataNIB records page by page, following the feed
 * contract in the README. Used by the demo and by the tests; `fault` lets a test make
 * a request fail the way a real feed does (timeouts, 429, 5xx, truncated JSON).
 */
export interface FeedServerOptions {
  records: unknown[];
  userKey?: string;
  port?: number;
  host?: string;
  maxLimit?: number;
  /** Return a reply to send instead of the page, or null to serve normally. */
  fault?: (request: { cursor: string | null; limit: number; count: number }) => FeedFault | null;
}

export type FeedFault =
  | { kind: 'status'; status: number; retryAfter?: string; body?: string }
  | { kind: 'truncate' }
  | { kind: 'hang'; ms: number };

export interface RunningFeedServer {
  url: string;
  requests: number;
  close(): Promise<void>;
}

export function encodeCursor(offset: number): string {
  return Buffer.from(`o:${offset}`).toString('base64url');
}

export function decodeCursor(cursor: string): number | null {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const match = /^o:([0-9]{1,12})$/.exec(text);
  return match ? Number(match[1]) : null;
}

export function buildFeedServer(options: FeedServerOptions): { app: FastifyInstance; stats: { requests: number } } {
  const app = Fastify({ logger: false });
  const stats = { requests: 0 };
  const maxLimit = options.maxLimit ?? 5000;
  app.get('/permits', async (request, reply) => {
    stats.requests += 1;
    if (options.userKey && request.headers.user_key !== options.userKey) {
      return reply.code(401).send({ kode: 401, keterangan: 'User Akses Tidak Valid' });
    }
    const query = request.query as Record<string, string | undefined>;
    const limit = Math.min(Math.max(Number(query.limit) || 100, 1), maxLimit);
    const cursor = query.cursor ?? null;
    const offset = cursor === null ? 0 : decodeCursor(cursor);
    if (offset === null) return reply.code(400).send({ kode: 400, keterangan: 'cursor tidak dikenal' });

    const fault = options.fault?.({ cursor, limit, count: stats.requests });
    if (fault?.kind === 'status') {
      if (fault.retryAfter) reply.header('retry-after', fault.retryAfter);
      return reply.code(fault.status).type('application/json').send(fault.body ?? JSON.stringify({ kode: fault.status }));
    }
    if (fault?.kind === 'hang') await new Promise((resolve) => setTimeout(resolve, fault.ms));

    const data = options.records.slice(offset, offset + limit);
    const next = offset + data.length;
    const hasMore = next < options.records.length;
    const body = JSON.stringify({ data, next_cursor: encodeCursor(next), has_more: hasMore });
    if (fault?.kind === 'truncate') return reply.type('application/json').send(body.slice(0, Math.floor(body.length / 2)));
    return reply.type('application/json').send(body);
  });
  // OSS's look-up (PIA inqueryNIB) over the same records, for re-checks.
  app.post('/inqueryNIB', async (request, reply) => {
    stats.requests += 1;
    if (options.userKey && request.headers.user_key !== options.userKey) {
      return reply.code(401).send({ responinqueryNIB: { kode: 401, keterangan: 'User Akses Tidak Valid' } });
    }
    const query = ((request.body as { INQUERYNIB?: { nib?: string; npwp?: string } } | null)?.INQUERYNIB) ?? {};
    const digits = (v: unknown) => String(v ?? '').replace(/[^0-9]/g, '');
    const found = options.records.filter((r) => {
      const d = r as Record<string, unknown>;
      return query.nib ? String(d.nib) === query.nib : query.npwp ? digits(d.npwp_perseroan).replace(/^0?/, '') === digits(query.npwp).replace(/^0?/, '') : false;
    });
    if (!found.length) return { responinqueryNIB: { kode: 404, keterangan: 'Data tidak ditemukan' } };
    return { responinqueryNIB: { kode: 200, keterangan: 'Sukses', dataNIB: query.nib ? found[0] : found } };
  });
  return { app, stats };
}

export async function startFeedServer(options: FeedServerOptions): Promise<RunningFeedServer> {
  const { app, stats } = buildFeedServer(options);
  const address = await app.listen({ port: options.port ?? 0, host: options.host ?? '127.0.0.1' });
  return {
    url: address,
    get requests() {
      return stats.requests;
    },
    close: () => app.close(),
  };
}
