import { z } from 'zod';
import { startFeedServer } from '../src/demo/feedServer.js';
import { generateDemoData } from '../src/demo/generate.js';

// The demo OSS-style feed as a long-running process (docker-compose's demo-feed service).
const env = z
  .object({
    DEMO_FEED_PORT: z.coerce.number().int().min(1).max(65535).default(8090),
    DEMO_FEED_COMPANIES: z.coerce.number().int().min(1).max(1_000_000).default(5000),
    DEMO_FEED_SEED: z.coerce.number().int().default(7),
    OSS_USER_KEY: z.string().optional(),
  })
  .parse(process.env);

const { permits } = generateDemoData({ seed: env.DEMO_FEED_SEED, companies: env.DEMO_FEED_COMPANIES });
const server = await startFeedServer({ records: permits, userKey: env.OSS_USER_KEY, port: env.DEMO_FEED_PORT, host: '0.0.0.0' });
console.log(`demo feed serving ${permits.length} permits at ${server.url}/permits`);
const stop = () => void server.close().then(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
