import { envSchema, type Env } from '../schemas/config.js';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads and validates the environment; throws one error naming every wrong variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Env {
  const relevant: Record<string, string | undefined> = {};
  // A blank variable (`FOO=` in an env file) counts as unset and takes its default.
  for (const key of Object.keys(envSchema.shape)) relevant[key] = env[key]?.trim() ? env[key] : undefined;
  const parsed = envSchema.safeParse(relevant);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const variable = String(issue.path[0] ?? '?');
        return `${variable}: ${issue.message}${describeValue(variable, relevant[variable])}`;
      }),
    );
  }
  return parsed.data;
}

export type { Env };

/** Echoes the wrong value back, except for variables that may carry credentials. */
function describeValue(variable: string, value: string | undefined): string {
  if (value === undefined) return '';
  if (/URL|KEY|SECRET|PASSWORD|TOKEN/.test(variable)) return ' (value hidden)';
  return ` (got ${JSON.stringify(value)})`;
}
