import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ConfigError, loadConfig } from './config.js';
import { envSchema } from '../schemas/config.js';

/** Runs loadConfig and returns the ConfigError it throws. */
function configError(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected loadConfig to throw');
}

describe('loadConfig: defaults', () => {
  it('gives every default for an empty environment', () => {
    // toMatchObject: the schema is still growing; new variables are checked separately.
    expect(loadConfig({})).toMatchObject({
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/patuh',
      REDIS_URL: 'redis://127.0.0.1:6379',
      QUEUE_PREFIX: 'patuh',
      LOG_LEVEL: 'info',
      BRANCHES_FILE: 'config/branches.json',
      NOTIFY_DIR: 'out/digests',
      NOTIFY_WEBHOOK_URL: undefined,
      NOTIFY_WEBHOOK_TIMEOUT_MS: 10_000,
      OSS_FEED_URL: undefined,
      OSS_USER_KEY: undefined,
      OSS_FEED_PAGE_SIZE: 500,
      OSS_HTTP_TIMEOUT_MS: 15_000,
      MATCH_BATCH_SIZE: 1000,
      WORKER_CONCURRENCY: 2,
      UMK_YEAR: undefined,
      RULE_UNREGISTERED_MIN_DECLARED: 1,
      RULE_UNDER_REPORTED_MIN_GAP: 1,
      RULE_WAGE_RATIO: 1,
      RULE_ARREARS_MIN_MONTHS: 1,
    });
  });

  it('ignores unrelated variables', () => {
    const config = loadConfig({ PATH: '/usr/bin', HOME: '/root', SOMETHING: 'x' });
    expect(config).not.toHaveProperty('PATH');
    expect(config.QUEUE_PREFIX).toBe('patuh');
  });

  it('reads process.env when called without an argument', () => {
    const saved = process.env.QUEUE_PREFIX;
    process.env.QUEUE_PREFIX = 'from_process_env';
    try {
      expect(loadConfig().QUEUE_PREFIX).toBe('from_process_env');
    } finally {
      if (saved === undefined) delete process.env.QUEUE_PREFIX;
      else process.env.QUEUE_PREFIX = saved;
    }
  });
});

describe('loadConfig: valid values', () => {
  it('reads and coerces every variable', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgresql://patuh:secret@db.internal:5433/patuh_prod',
      REDIS_URL: 'rediss://:pw@redis.internal:6380/1',
      QUEUE_PREFIX: 'patuh-test_1',
      LOG_LEVEL: 'debug',
      BRANCHES_FILE: '/etc/patuh/branches.json',
      NOTIFY_DIR: '/var/patuh/out',
      NOTIFY_WEBHOOK_URL: 'https://hooks.example.id/abc',
      NOTIFY_WEBHOOK_TIMEOUT_MS: '2500',
      OSS_FEED_URL: 'http://dpmptsp.example.id/feed',
      OSS_USER_KEY: '  user-key-123  ',
      OSS_FEED_PAGE_SIZE: '5000',
      OSS_HTTP_TIMEOUT_MS: '30000',
      MATCH_BATCH_SIZE: '20000',
      WORKER_CONCURRENCY: '64',
      UMK_YEAR: '2026',
      RULE_UNREGISTERED_MIN_DECLARED: '5',
      RULE_UNDER_REPORTED_MIN_GAP: '3',
      RULE_WAGE_RATIO: '0.8',
      RULE_ARREARS_MIN_MONTHS: '2',
    });
    expect(config).toMatchObject({
      DATABASE_URL: 'postgresql://patuh:secret@db.internal:5433/patuh_prod',
      REDIS_URL: 'rediss://:pw@redis.internal:6380/1',
      QUEUE_PREFIX: 'patuh-test_1',
      LOG_LEVEL: 'debug',
      BRANCHES_FILE: '/etc/patuh/branches.json',
      NOTIFY_DIR: '/var/patuh/out',
      NOTIFY_WEBHOOK_URL: 'https://hooks.example.id/abc',
      NOTIFY_WEBHOOK_TIMEOUT_MS: 2500,
      OSS_FEED_URL: 'http://dpmptsp.example.id/feed',
      OSS_USER_KEY: 'user-key-123',
      OSS_FEED_PAGE_SIZE: 5000,
      OSS_HTTP_TIMEOUT_MS: 30000,
      MATCH_BATCH_SIZE: 20000,
      WORKER_CONCURRENCY: 64,
      UMK_YEAR: 2026,
      RULE_UNREGISTERED_MIN_DECLARED: 5,
      RULE_UNDER_REPORTED_MIN_GAP: 3,
      RULE_WAGE_RATIO: 0.8,
      RULE_ARREARS_MIN_MONTHS: 2,
    });
  });

  it('reads NOTIFY_GROUP_WAIT_MS (default 30 s, 0 allowed) and OSS_FEED_START (a YYYY-MM-DD date)', () => {
    expect(loadConfig({}).NOTIFY_GROUP_WAIT_MS).toBe(30_000);
    expect(loadConfig({ NOTIFY_GROUP_WAIT_MS: '0' }).NOTIFY_GROUP_WAIT_MS).toBe(0);
    expect(loadConfig({}).OSS_FEED_START).toBeUndefined();
    expect(loadConfig({ OSS_FEED_START: ' ' }).OSS_FEED_START).toBeUndefined();
    expect(loadConfig({ OSS_FEED_START: '2024-01-15' }).OSS_FEED_START).toBe('2024-01-15');
  });

  it.each(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])('accepts LOG_LEVEL=%s', (level) => {
    expect(loadConfig({ LOG_LEVEL: level }).LOG_LEVEL).toBe(level);
  });

  it('accepts postgres: and postgresql: database URLs, redis: and rediss: Redis URLs', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://h/db' }).DATABASE_URL).toBe('postgres://h/db');
    expect(loadConfig({ DATABASE_URL: 'postgresql://h/db' }).DATABASE_URL).toBe('postgresql://h/db');
    expect(loadConfig({ REDIS_URL: 'redis://h' }).REDIS_URL).toBe('redis://h');
    expect(loadConfig({ REDIS_URL: 'rediss://h' }).REDIS_URL).toBe('rediss://h');
  });

  it('treats blank optional URLs and keys as unset', () => {
    const config = loadConfig({ NOTIFY_WEBHOOK_URL: '', OSS_FEED_URL: '   ', OSS_USER_KEY: ' ' });
    expect(config.NOTIFY_WEBHOOK_URL).toBeUndefined();
    expect(config.OSS_FEED_URL).toBeUndefined();
    expect(config.OSS_USER_KEY).toBeUndefined();
  });

  it('accepts RULE_WAGE_RATIO=0 (rule switched off on purpose) and up to 10', () => {
    expect(loadConfig({ RULE_WAGE_RATIO: '0' }).RULE_WAGE_RATIO).toBe(0);
    expect(loadConfig({ RULE_WAGE_RATIO: '10' }).RULE_WAGE_RATIO).toBe(10);
  });

  it('accepts the UMK_YEAR bounds 2025 and 2100', () => {
    expect(loadConfig({ UMK_YEAR: '2025' }).UMK_YEAR).toBe(2025);
    expect(loadConfig({ UMK_YEAR: '2100' }).UMK_YEAR).toBe(2100);
  });
});

describe('loadConfig: each wrong variable is named', () => {
  it.each([
    ['DATABASE_URL', 'mysql://localhost/patuh'],
    ['DATABASE_URL', 'not a url'],
    ['REDIS_URL', 'http://localhost:6379'],
    ['QUEUE_PREFIX', 'has space'],
    ['QUEUE_PREFIX', 'x'.repeat(65)],
    ['QUEUE_PREFIX', 'a:b'],
    ['LOG_LEVEL', 'verbose'],
    ['LOG_LEVEL', 'INFO'],
    ['NOTIFY_WEBHOOK_URL', 'ftp://hooks.example.id'],
    ['NOTIFY_WEBHOOK_URL', 'hooks.example.id/abc'],
    ['NOTIFY_WEBHOOK_TIMEOUT_MS', '0'],
    ['NOTIFY_WEBHOOK_TIMEOUT_MS', '-5'],
    ['NOTIFY_WEBHOOK_TIMEOUT_MS', '1.5'],
    ['NOTIFY_WEBHOOK_TIMEOUT_MS', 'ten'],
    ['OSS_FEED_URL', 'file:///etc/passwd'],
    ['OSS_FEED_PAGE_SIZE', '5001'],
    ['OSS_FEED_PAGE_SIZE', '0'],
    ['OSS_HTTP_TIMEOUT_MS', 'abc'],
    ['MATCH_BATCH_SIZE', '20001'],
    ['WORKER_CONCURRENCY', '65'],
    ['WORKER_CONCURRENCY', '0'],
    ['UMK_YEAR', '2024'],
    ['UMK_YEAR', '2101'],
    ['UMK_YEAR', '2025.5'],
    ['UMK_YEAR', 'tahun'],
    ['RULE_UNREGISTERED_MIN_DECLARED', '0'],
    ['RULE_UNDER_REPORTED_MIN_GAP', '-1'],
    ['RULE_WAGE_RATIO', '-0.1'],
    ['RULE_WAGE_RATIO', '10.5'],
    ['RULE_WAGE_RATIO', 'satu'],
    ['RULE_ARREARS_MIN_MONTHS', '0.5'],
    ['NOTIFY_GROUP_WAIT_MS', '-1'],
    ['NOTIFY_GROUP_WAIT_MS', '86400001'],
    ['OSS_FEED_START', '15-01-2024'],
    ['OSS_FEED_START', '2024-02-30'],
  ])('%s=%j', (variable, value) => {
    const error = configError({ [variable]: value });
    expect(error.name).toBe('ConfigError');
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]?.startsWith(`${variable}: `)).toBe(true);
    expect(error.message).toContain(`  - ${variable}: `);
    expect(error.message.startsWith('Invalid configuration:\n')).toBe(true);
  });

  it('names every wrong variable in one error', () => {
    const error = configError({ LOG_LEVEL: 'loud', WORKER_CONCURRENCY: '0', QUEUE_PREFIX: 'a b', REDIS_URL: 'nope' });
    expect(error.problems.map((p) => p.split(':')[0]).sort()).toEqual(['LOG_LEVEL', 'QUEUE_PREFIX', 'REDIS_URL', 'WORKER_CONCURRENCY']);
    for (const v of ['LOG_LEVEL', 'QUEUE_PREFIX', 'REDIS_URL', 'WORKER_CONCURRENCY']) expect(error.message).toContain(v);
  });

  it('echoes a wrong non-secret value to help the operator', () => {
    expect(configError({ LOG_LEVEL: 'verbose' }).message).toContain('(got "verbose")');
    expect(configError({ WORKER_CONCURRENCY: '100' }).message).toContain('(got "100")');
  });

  it('explains the URL rule', () => {
    expect(configError({ DATABASE_URL: 'mysql://h/db' }).problems[0]).toBe(
      'DATABASE_URL: must be a URL starting with postgres:// or postgresql:// (value hidden)',
    );
    expect(configError({ REDIS_URL: 'http://h' }).problems[0]).toBe('REDIS_URL: must be a URL starting with redis:// or rediss:// (value hidden)');
    expect(configError({ NOTIFY_WEBHOOK_URL: 'ftp://h' }).problems[0]).toBe(
      'NOTIFY_WEBHOOK_URL: must be a URL starting with http:// or https:// (value hidden)',
    );
  });

  it('explains the QUEUE_PREFIX rule', () => {
    expect(configError({ QUEUE_PREFIX: 'a b' }).problems[0]).toBe('QUEUE_PREFIX: must be 1-64 letters, digits, "_" or "-" (got "a b")');
  });
});

describe('loadConfig: credentials are never echoed', () => {
  const secret = 'S3cr3t-P4ss-xyz';

  it.each([
    ['DATABASE_URL', `mysql://patuh:${secret}@db.internal/patuh`],
    ['DATABASE_URL', `postgres//patuh:${secret}@db.internal/patuh`],
    ['REDIS_URL', `http://:${secret}@redis.internal:6379`],
    ['NOTIFY_WEBHOOK_URL', `ftp://bot:${secret}@hooks.example.id/`],
    ['NOTIFY_WEBHOOK_URL', `hooks.example.id/token/${secret}`],
    ['OSS_FEED_URL', `gopher://user:${secret}@oss.example.id`],
  ])('%s is hidden', (variable, value) => {
    const error = configError({ [variable]: value });
    expect(error.message).toContain(variable);
    expect(error.message).toContain('(value hidden)');
    expect(error.message).not.toContain(secret);
    expect(error.problems.join('\n')).not.toContain(secret);
    expect(String(error.stack)).not.toContain(secret);
  });

  it('does not echo valid credentials when another variable is wrong', () => {
    const error = configError({
      DATABASE_URL: `postgres://patuh:${secret}@db/patuh`,
      OSS_USER_KEY: secret,
      LOG_LEVEL: 'nope',
    });
    expect(error.message).not.toContain(secret);
  });

  it('property: a wrong URL variable never echoes any part of its value', () => {
    const urlVariables = ['DATABASE_URL', 'REDIS_URL', 'NOTIFY_WEBHOOK_URL', 'OSS_FEED_URL'] as const;
    const password = fc.string({ unit: fc.constantFrom(...'ABCDEFGHJKMNPQRSTUVWXYZ23456789'.split('')), minLength: 12, maxLength: 24 });
    fc.assert(
      fc.property(fc.constantFrom(...urlVariables), password, fc.constantFrom('mysql', 'ftp', 'smtp', 'mongodb'), (variable, pw, scheme) => {
        const error = configError({ [variable]: `${scheme}://user:${pw}@host.example.id/x` });
        expect(error.message).not.toContain(pw);
        expect(error.message).toContain(`${variable}: `);
      }),
    );
  });
});

describe('loadConfig: blank variables', () => {
  it.each(['DATABASE_URL', 'REDIS_URL', 'LOG_LEVEL', 'QUEUE_PREFIX', 'WORKER_CONCURRENCY', 'UMK_YEAR'])(
    'a blank %s counts as unset and takes its default',
    (variable) => {
      expect(loadConfig({ [variable]: '  ' })[variable as keyof ReturnType<typeof loadConfig>]).toEqual(
        loadConfig({})[variable as keyof ReturnType<typeof loadConfig>],
      );
    },
  );

  // Regression: Number('') === 0 once made a blank RULE_WAGE_RATIO switch off PDS Upah.
  it('a blank RULE_WAGE_RATIO either falls back to 1 or is reported; it never becomes 0', () => {
    let ratio: number | 'error';
    try {
      ratio = loadConfig({ RULE_WAGE_RATIO: '' }).RULE_WAGE_RATIO;
    } catch {
      ratio = 'error';
    }
    expect(ratio).not.toBe(0);
  });
});

describe('envSchema', () => {
  it('covers every variable the loader reads', () => {
    expect(Object.keys(envSchema.shape).sort()).toEqual(Object.keys(loadConfig({})).sort());
  });
});
