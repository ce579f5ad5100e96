import pino, { type Logger } from 'pino';

/**
 * Paths that could carry personal data if an OSS payload ever reached a log call.
 * Handlers log ids and counts, never payloads; this is the second line of defence.
 */
const REDACT_PATHS = [
  'raw', '*.raw', 'payload', '*.payload', 'dataNIB', '*.dataNIB', 'body', '*.body',
  'pemegang_saham', 'penanggung_jwb', '*.pemegang_saham', '*.penanggung_jwb',
  'email', '*.email', 'phone', '*.phone', 'nik', '*.nik',
  'headers.authorization', 'headers.token', 'headers.user_key', 'req.headers.authorization', 'req.headers.token',
];

export function createLogger(level: string, name = 'patuh'): Logger {
  return pino({
    name,
    level,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    base: { pid: process.pid },
  }, pino.destination({ dest: 2, sync: false }));
}

export type { Logger };
