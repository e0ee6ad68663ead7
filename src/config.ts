import { isIP } from 'node:net';
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
  AMENDS_SLACK_SIGNING_SECRET: z.string().min(8).optional(),
  AMENDS_SLACK_BOT_TOKEN: z.string().min(8).optional(),
  AMENDS_SLACK_API_URL: z.url().default('https://slack.com/api'),
  AMENDS_HELD_MAX_AGE_HOURS: z.coerce.number().min(0).default(24),
  AMENDS_INTAKE_SECRET: z.string().min(16).optional(),
  AMENDS_INTAKE_LOW_SCORE: z.coerce.number().int().min(1).max(4).default(2),
  AMENDS_WIN_BACK_DAYS: z.coerce.number().int().min(1).max(3650).default(60),
  AMENDS_LOCALE: z.enum(['ru', 'en']).default('ru'),
  AMENDS_EVENTS_WEBHOOK_URL: z.url().optional(),
  AMENDS_EVENTS_WEBHOOK_SECRET: z.string().regex(/^whsec_[A-Za-z0-9+/=]{16,}$/, 'must be whsec_ followed by a base64 key').optional(),
  AMENDS_TIME_ZONE: z.string().refine(isTimeZone, 'must be an IANA time zone').default('Europe/Moscow'),
  AMENDS_CURRENCY: Currency.default('RUB'),
  // The most one offer may be worth, in minor units of any currency: 100 000,00 by default.
  AMENDS_MAX_OFFER_MINOR: z.coerce.number().int().min(1).max(1_000_000_000_000).default(10_000_000),
  AMENDS_WORKER_INTERVAL_MS: z.coerce.number().int().min(10).default(1000),
  AMENDS_WORKER: z.enum(['on', 'off']).default('on'),
  AMENDS_HTTP_PROCESSES: z.coerce.number().int().min(0).max(64).default(0),
  AMENDS_LEASE_MS: z.coerce.number().int().min(100).max(3_600_000).default(60_000),
  AMENDS_SLACK_INTERVAL_MS: z.coerce.number().int().min(0).max(60_000).default(1000),
  AMENDS_SESSION_SECRET: z.string().min(16).optional(),
  AMENDS_AUTH_FAILURES_PER_MINUTE: z.coerce.number().int().min(1).default(20),
  AMENDS_TRUST_PROXY: z
    .string()
    .max(1000)
    .default('off')
    .refine(isTrustProxy, 'must be off, a number of proxy hops, or a comma-separated list of loopback, linklocal, uniquelocal and addresses or CIDR ranges'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface Config {
  port: number;
  host: string;
  databaseUrl: string;
  publicUrl: string;
  slackWebhookUrl: string | undefined;
  messagesWebhookUrl: string | undefined;
  /** Verifies Slack's interactivity requests (button clicks, modal submissions). */
  slackSigningSecret: string | undefined;
  /** The Slack app's bot token (xoxb-…): opens the modals of "Change amount" and "Reject". */
  slackBotToken: string | undefined;
  /** Slack's Web API base URL (views.open); tests point it at a local server. */
  slackApiUrl: string;
  /** A customer message held longer than this (no webhook) is expired instead of sent when released. */
  heldMaxAgeHours: number;
  intakeSecret: string | undefined;
  /** A rating at or below this (overall or any aspect) opens a case. */
  intakeLowScore: number;
  /** How long after resolution a new order still counts as winning the customer back. */
  winBackDays: number;
  /** The team's language: alerts and the console. */
  locale: 'ru' | 'en';
  eventsWebhookUrl: string | undefined;
  eventsWebhookSecret: string | undefined;
  timeZone: string;
  currency: Currency;
  /** Upper bound of one offer (and of what ISSUE pays out), in minor units. */
  maxOfferMinor: number;
  workerIntervalMs: number;
  /**
   * Whether `start`/`serve` run the worker in the HTTP process (AMENDS_WORKER=on, the default; the same
   * as `serve --no-worker` when off). Several workers are safe: timers and messages are leased.
   */
  runWorker: boolean;
  /**
   * HTTP processes in front of the one writer (`start`/`serve`): 0 serves HTTP in the writer's own
   * process; N forks N processes that share the port and hand events and openings to the writer.
   */
  httpProcesses: number;
  /** How long a worker holds the timers and messages it claimed before another may take them over. */
  leaseMs: number;
  /** The least time between two messages to one Slack webhook (Slack allows about one a second). */
  slackIntervalMs: number;
  /** Failed authentications per token and per address per minute before 429. */
  authFailuresPerMinute: number;
  /** Signs console session cookies; generated once and kept in the settings table when unset. */
  sessionSecret: string | undefined;
  logLevel: z.infer<typeof Env>['LOG_LEVEL'];
  /**
   * Express's `trust proxy`: which proxies' X-Forwarded-For/-Proto to believe, so that client addresses
   * (sign-in and token rate limits, logs) and https (Secure cookies) are the client's, not the load
   * balancer's. false: none (the default, for a server reached directly).
   */
  trustProxy: false | number | string;
}

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** AMENDS_TRUST_PROXY: off, hops (a number), or names and addresses/CIDRs separated by commas. */
function isTrustProxy(v: string): boolean {
  if (v === 'off' || /^\d{1,2}$/.test(v)) return true;
  return v.split(',').every((part) => {
    const item = part.trim();
    if (PROXY_NAMES.has(item)) return true;
    const [addr, mask, ...rest] = item.split('/');
    const kind = isIP(addr ?? '');
    if (kind === 0 || rest.length > 0) return false;
    return mask === undefined || (/^\d{1,3}$/.test(mask) && Number(mask) <= (kind === 4 ? 32 : 128));
  });
}

function trustProxyOf(v: string): false | number | string {
  if (v === 'off') return false;
  return /^\d+$/.test(v) ? Number(v) : v;
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
    slackSigningSecret: e.AMENDS_SLACK_SIGNING_SECRET,
    slackBotToken: e.AMENDS_SLACK_BOT_TOKEN,
    slackApiUrl: e.AMENDS_SLACK_API_URL.replace(/\/$/, ''),
    heldMaxAgeHours: e.AMENDS_HELD_MAX_AGE_HOURS,
    intakeSecret: e.AMENDS_INTAKE_SECRET,
    intakeLowScore: e.AMENDS_INTAKE_LOW_SCORE,
    winBackDays: e.AMENDS_WIN_BACK_DAYS,
    locale: e.AMENDS_LOCALE,
    eventsWebhookUrl: e.AMENDS_EVENTS_WEBHOOK_URL,
    eventsWebhookSecret: e.AMENDS_EVENTS_WEBHOOK_SECRET,
    timeZone: e.AMENDS_TIME_ZONE,
    currency: e.AMENDS_CURRENCY,
    maxOfferMinor: e.AMENDS_MAX_OFFER_MINOR,
    workerIntervalMs: e.AMENDS_WORKER_INTERVAL_MS,
    runWorker: e.AMENDS_WORKER === 'on',
    httpProcesses: e.AMENDS_HTTP_PROCESSES,
    leaseMs: e.AMENDS_LEASE_MS,
    slackIntervalMs: e.AMENDS_SLACK_INTERVAL_MS,
    authFailuresPerMinute: e.AMENDS_AUTH_FAILURES_PER_MINUTE,
    sessionSecret: e.AMENDS_SESSION_SECRET,
    logLevel: e.LOG_LEVEL,
    trustProxy: trustProxyOf(e.AMENDS_TRUST_PROXY),
  };
}
