import Fastify from 'fastify';

/** A webhook receiver that keeps each digest once by its Idempotency-Key, as receivers should. */
export interface RunningWebhookReceiver {
  url: string;
  /** Distinct digests received, by idempotency key. */
  digests: Map<string, Record<string, unknown>>;
  /** Every POST, repeats included, with what is needed to check its signature. */
  requests: Array<{ key: string; signature: string | undefined; body: string }>;
  /** Every POST, repeats included. */
  deliveries: number;
  close(): Promise<void>;
}

export interface WebhookReceiverOptions {
  /** Status to answer a request with (default 200). */
  status?: (body: Record<string, unknown>) => number;
  /** Milliseconds to wait before answering. */
  delayMs?: (body: Record<string, unknown>) => number;
}

export async function startWebhookReceiver(options: WebhookReceiverOptions = {}): Promise<RunningWebhookReceiver> {
  const app = Fastify({ logger: false, bodyLimit: 50 * 1024 * 1024 });
  // Keep the raw body: the signature is over the exact bytes sent.
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => done(null, body));
  const digests = new Map<string, Record<string, unknown>>();
  const requests: RunningWebhookReceiver['requests'] = [];
  app.post('/digest', async (request, reply) => {
    const raw = String(request.body ?? '');
    const body = JSON.parse(raw) as Record<string, unknown>;
    const key = String(request.headers['idempotency-key'] ?? '');
    requests.push({ key, signature: request.headers['x-patuh-signature'] as string | undefined, body: raw });
    const delay = options.delayMs?.(body) ?? 0;
    if (delay) await new Promise((resolve) => setTimeout(resolve, delay));
    const status = options.status?.(body) ?? 200;
    if (status >= 300) return reply.code(status).send({ ok: false });
    if (key && !digests.has(key)) digests.set(key, body);
    return reply.code(200).send({ ok: true });
  });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url: `${address}/digest`,
    digests,
    requests,
    get deliveries() {
      return requests.length;
    },
    close: () => app.close(),
  };
}
