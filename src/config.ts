import { z } from 'zod';
import { Currency } from './domain/money.js';
import { isTimeZone } from './domain/customer.js';

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: z.string().default('sqlite:./data/amends.sqlite'),
  AMENDS_PUBLIC_URL: z.url().optional(),
  AMENDS_SLACK_WEBHOOK_URL: z.url().optional(),
  AMENDS_MESSAGES_WEBHOOK_URL: z.url().optional(),
  AMENDS_INTAKE_SECRET: z.string().min(16).optional(),
  AMENDS_TIME_ZONE: z.string().refine(isTimeZone, 'must be an IANA time zone').default('Europe/Moscow'),
  AMENDS_CURRENCY: Currency.default('RUB'),
  AMENDS_WORKER_INTERVAL_MS: z.coerce.number().int().min(10).default(1000),
  AMENDS_AUTH_FAILURES_PER_MINUTE: z.coerce.number().int().min(1).default(20),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface Config {
  port: number;
  host: string;
  databaseUrl: string;
  publicUrl: string;
  slackWebhookUrl: string | undefined;
  messagesWebhookUrl: string | undefined;
  intakeSecret: string | undefined;
  timeZone: string;
  currency: Currency;
  workerIntervalMs: number;
  /** Failed authentications per token and per address per minute before 429. */
  authFailuresPerMinute: number;
  logLevel: z.infer<typeof Env>['LOG_LEVEL'];
}

/** Environment → typed config, validated once at start; a bad value stops the process with its name. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`invalid configuration:\n${lines}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    publicUrl: (e.AMENDS_PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    slackWebhookUrl: e.AMENDS_SLACK_WEBHOOK_URL,
    messagesWebhookUrl: e.AMENDS_MESSAGES_WEBHOOK_URL,
    intakeSecret: e.AMENDS_INTAKE_SECRET,
    timeZone: e.AMENDS_TIME_ZONE,
    currency: e.AMENDS_CURRENCY,
    workerIntervalMs: e.AMENDS_WORKER_INTERVAL_MS,
    authFailuresPerMinute: e.AMENDS_AUTH_FAILURES_PER_MINUTE,
    logLevel: e.LOG_LEVEL,
  };
}
