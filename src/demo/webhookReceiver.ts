import Fastify from 'fastify';

/** A webhook receiver that keeps each digest once by its Idempotency-Key, as receivers should. */
export interface RunningWebhookReceiver {
  url: string;
  /** Distinct digests received, by idempotency key. */
  digests: Map<string, Record<string, unknown>>;
  /** Every POST, repeats included. */
  deliveries: number;
  close(): Promise<void>;
}

export async function startWebhookReceiver(options: { status?: () => number } = {}): Promise<RunningWebhookReceiver> {
  const app = Fastify({ logger: false, bodyLimit: 50 * 1024 * 1024 });
  const digests = new Map<string, Record<string, unknown>>();
  const state = { deliveries: 0 };
  app.post('/digest', async (request, reply) => {
    state.deliveries += 1;
    const status = options.status?.() ?? 200;
    if (status >= 300) return reply.code(status).send({ ok: false });
    const key = String(request.headers['idempotency-key'] ?? '');
    if (key && !digests.has(key)) digests.set(key, request.body as Record<string, unknown>);
    return reply.code(200).send({ ok: true });
  });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url: `${address}/digest`,
    digests,
    get deliveries() {
      return state.deliveries;
    },
    close: () => app.close(),
  };
}
