import { Counter, Registry } from 'prom-client';

/** Process-wide Prometheus registry (served at /metrics by `patuh serve`). */
export const registry = new Registry();

export const pushReceived = new Counter({
  name: 'patuh_push_received_total',
  help: 'receiveNIB pushes answered, by result (stored, unchanged, rejected, refused, error)',
  labelNames: ['result'] as const,
  registers: [registry],
});

export const pushRefused = new Counter({
  name: 'patuh_push_refused_total',
  help: 'receiveNIB pushes refused before storage, by reason (token, nib)',
  labelNames: ['reason'] as const,
  registers: [registry],
});
