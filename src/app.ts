import type { Redis } from 'ioredis';
import { loadConfig, type Env } from './config.js';
import { createDb, type Db } from './db/database.js';
import { createRedis } from './queues/connection.js';
import { Queues } from './queues/queues.js';
import { createLogger, type Logger } from './shared/logger.js';
import type { RuleThresholds } from './findings/rules.js';
import type { MatchSettings } from './matching/matchBatch.js';

/** What every command, worker and handler needs; built once per process. */
export interface AppContext {
  config: Env;
  db: Db;
  redis: Redis;
  queues: Queues;
  logger: Logger;
  close(): Promise<void>;
}

export function createApp(config: Env = loadConfig(), name = 'patuh'): AppContext {
  const db = createDb(config.DATABASE_URL);
  const redis = createRedis(config.REDIS_URL, 'producer');
  const queues = new Queues(redis, config.QUEUE_PREFIX);
  const logger = createLogger(config.LOG_LEVEL, name);
  return {
    config,
    db,
    redis,
    queues,
    logger,
    async close() {
      await queues.close();
      redis.disconnect();
      await db.destroy();
      logger.flush();
    },
  };
}

export function ruleThresholds(config: Env): RuleThresholds {
  return {
    unregisteredMinDeclared: config.RULE_UNREGISTERED_MIN_DECLARED,
    underReportedMinGap: config.RULE_UNDER_REPORTED_MIN_GAP,
    wageRatio: config.RULE_WAGE_RATIO,
    arrearsMinMonths: config.RULE_ARREARS_MIN_MONTHS,
  };
}

/** The year whose minimum wages apply (UMK_YEAR, else the current year in Jakarta). */
export function wageYear(config: Env, now = new Date()): number {
  return config.UMK_YEAR ?? Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Jakarta', year: 'numeric' }).format(now));
}

export function matchSettings(config: Env): MatchSettings {
  return {
    rules: ruleThresholds(config),
    wageYear: wageYear(config),
    names: { match: config.MATCH_NAME_THRESHOLD, margin: config.MATCH_MARGIN, review: config.MATCH_REVIEW_THRESHOLD },
  };
}
