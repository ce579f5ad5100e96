import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { envSchema } from '../schemas/config.js';
import { ConfigError, loadConfig, type Env } from './config.js';

/** FAULT_SEED=<n> re-runs every property with that seed; otherwise fast-check picks one. */
const FAULT_SEED = process.env.FAULT_SEED ? Number(process.env.FAULT_SEED) : undefined;
const runs = (numRuns: number) => ({ numRuns, ...(FAULT_SEED === undefined ? {} : { seed: FAULT_SEED }) });

const VARIABLES = Object.keys(envSchema.shape) as Array<keyof Env>;
const CREDENTIAL = /URL|KEY|SECRET|PASSWORD|TOKEN/;

/** Values an operator might put in an env file by mistake. */
const envValue = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.integer({ min: -1_000_000, max: 100_000_000 }).map(String),
  fc.double().map(String),
  fc.constantFrom('', ' ', '0', '-0', '1e3', '0x10', 'NaN', 'Infinity', 'true', 'null', 'redis://x', 'postgres://u:p@h/db', 'http://a', '* * * * *', '2025-13-01'),
);
const env = fc.dictionary(fc.constantFrom(...VARIABLES, 'UNRELATED_VARIABLE', 'PATH'), envValue, { maxKeys: 8 });

/** Runs loadConfig; returns the config or the ConfigError (anything else fails the test). */
function attempt(input: NodeJS.ProcessEnv): Env | ConfigError {
  try {
    return loadConfig(input);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
}

/** A loaded config written back as an env file would write it. */
function asEnv(config: Env): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(config).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)]));
}

describe('loadConfig: properties', () => {
  it('accepts or throws one ConfigError whose every line names a variable it was given', () => {
    fc.assert(
      fc.property(env, (input) => {
        const result = attempt(input);
        if (!(result instanceof ConfigError)) return;
        expect(result.problems.length).toBeGreaterThan(0);
        for (const problem of result.problems) {
          const variable = problem.split(':')[0]!;
          expect(VARIABLES).toContain(variable);
          expect(Object.keys(input)).toContain(variable);
        }
      }),
      runs(300),
    );
  });

  it('never echoes the value of a variable that may hold a credential', () => {
    const secret = fc.stringMatching(/^[A-Za-z0-9]{12,20}$/);
    const credentialVariables = VARIABLES.filter((v) => CREDENTIAL.test(v));
    fc.assert(
      fc.property(fc.constantFrom(...credentialVariables), secret, fc.constantFrom('', 'ftp://u:', 'mysql://root:', 'not a url '), env, (variable, value, prefix, rest) => {
        const result = attempt({ ...rest, [variable]: `${prefix}${value}` });
        if (result instanceof ConfigError) expect(result.message).not.toContain(value);
      }),
      runs(200),
    );
  });

  it('is idempotent: a loaded config written back as variables loads to the same config', () => {
    fc.assert(
      fc.property(env, (input) => {
        const once = attempt(input);
        if (once instanceof ConfigError) return;
        // Compared as JSON: "-0" loads as -0, which is written back as "0" (the same wait).
        expect(JSON.stringify(loadConfig(asEnv(once)))).toBe(JSON.stringify(once));
      }),
      runs(300),
    );
  });

  it('reads whole numbers padded with blanks, and blank values as unset', () => {
    const intVariables = ['NOTIFY_WEBHOOK_TIMEOUT_MS', 'OSS_HTTP_TIMEOUT_MS', 'API_BODY_LIMIT_BYTES', 'RULE_ARREARS_MIN_MONTHS'] as const;
    fc.assert(
      fc.property(fc.constantFrom(...intVariables), fc.integer({ min: 1, max: 1_000_000_000 }), fc.constantFrom('', ' ', '\t'), (variable, n, pad) => {
        expect(loadConfig({ [variable]: `${pad}${n}${pad}` })[variable]).toBe(n);
        expect(loadConfig({ [variable]: pad })[variable]).toBe(loadConfig({})[variable]);
      }),
      runs(200),
    );
  });
});
