import { createApp, type AppContext } from '../app.js';
import { loadConfig, type Env } from '../config.js';

/** Runs a command with the process's app context and always releases it. */
export async function withApp<T>(fn: (ctx: AppContext) => Promise<T>, overrides: Partial<Env> = {}): Promise<T> {
  const ctx = createApp({ ...loadConfig(), ...overrides });
  try {
    return await fn(ctx);
  } finally {
    await ctx.close();
  }
}
