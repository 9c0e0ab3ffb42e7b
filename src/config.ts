// Configuration from the environment, checked once at start-up. A missing or bad value stops the
// bot with one line that names the variable.
import { IANAZone } from 'luxon';
import { z } from 'zod';
import { parseClusterNodes } from './store/redis-connection.ts';

const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const MAKE_KEY = 'make one with: openssl rand -base64 32';

/**
 * A data key as the operator pastes it: base64 of exactly 32 bytes, written as base64 writes it (a
 * cut or mistyped key is not silently read as another), and random-looking: a key of one repeated
 * byte or a handful of distinct bytes (an all-zero placeholder, "aaaa…") is refused. 32 random
 * bytes have about 30 distinct values; fewer than 16 happens by chance far less than once in 2^100.
 */
export function dataKeyProblem(s: string): string | undefined {
  const bytes = Buffer.from(s, 'base64');
  if (bytes.length !== 32 || bytes.toString('base64').replace(/=+$/, '') !== s.replace(/=+$/, '')) return `must be base64 of 32 bytes (${MAKE_KEY})`;
  if (new Set(bytes).size < 16) return `is not random enough (${MAKE_KEY})`;
  return undefined;
}

const base64Key = z
  .string()
  .trim()
  .superRefine((s, ctx) => {
    const problem = dataKeyProblem(s);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** The old keys of a rotation are read only: they were checked when they were current. */
const previousKey = z
  .string()
  .trim()
  .refine((s) => Buffer.from(s, 'base64').length === 32, `must be base64 of 32 bytes (${MAKE_KEY})`);

const Env = z.object({
  BOT_TOKEN: z
    .string({ error: 'is required (the token @BotFather gave you)' })
    .trim()
    .regex(/^\d+:[\w-]{20,}$/, 'does not look like a bot token (digits:letters, from @BotFather)'),
  TELEGRAM_API_ROOT: z.url().default('https://api.telegram.org'),
  /** empty is unset (as in a .env file's `REDIS_URL=`) */
  REDIS_URL: z
    .string()
    .trim()
    .regex(/^(rediss?:\/\/|$)/, 'must start with redis:// or rediss://')
    .optional()
    .transform((s) => s || undefined),
  /** a Redis Cluster instead of REDIS_URL: seed nodes, `host:port,host:port` (src/store/redis-connection.ts) */
  REDIS_CLUSTER_NODES: z
    .string()
    .trim()
    .optional()
    .transform((s, ctx) => {
      if (!s) return undefined;
      try {
        return parseClusterNodes(s);
      } catch (err) {
        ctx.addIssue({ code: 'custom', message: `${(err as Error).message} (comma-separated host:port of cluster nodes, e.g. 10.0.0.1:7000,10.0.0.2:7000)` });
        return z.NEVER;
      }
    }),
  REDIS_PREFIX: z.string().min(1).default('pendamping:'),
  ADMIN_IDS: z
    .string()
    .default('')
    .transform((s, ctx) => {
      const ids = s.split(',').map((x) => x.trim()).filter(Boolean);
      const bad = ids.find((x) => !/^\d{1,15}$/.test(x));
      if (bad) {
        ctx.addIssue({ code: 'custom', message: `"${bad}" is not a Telegram user id (comma-separated numbers)` });
        return z.NEVER;
      }
      return new Set(ids.map(Number));
    }),
  DATA_KEY: base64Key.optional(),
  /** older keys, comma-separated, still used to read data written before a rotation */
  DATA_KEY_PREVIOUS: z
    .string()
    .default('')
    .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
    .pipe(z.array(previousKey)),
  DEFAULT_TIMEZONE: z
    .string()
    .default('Asia/Jakarta')
    .refine((tz) => IANAZone.isValidZone(tz), 'is not an IANA time zone (e.g. Asia/Jakarta, Asia/Makassar, Asia/Jayapura)'),
  LOG_LEVEL: z.enum(LEVELS).default('info'),
  /** run the reminder workers inside the bot process (on), or only in `npm run worker` (off) */
  REMINDER_WORKERS: z.enum(['on', 'off']).default('on'),
  /** testing only: reminders fire every N ms instead of weekly at the chosen hour */
  REMINDER_EVERY_MS: z.coerce.number().int().min(100).optional(),
  /** testing only: BullMQ job lock and stalled-job check of the reminder workers (default 30 s) */
  REMINDER_LOCK_MS: z.coerce.number().int().min(500).optional(),
  /** webhook mode (several instances behind a load balancer): Telegram POSTs updates to this URL */
  WEBHOOK_URL: z.url({ error: 'is not a URL (https://your.host/some-secret-path)' }).optional(),
  /** required with WEBHOOK_URL: Telegram sends it in a header with every update */
  WEBHOOK_SECRET: z.string().regex(/^[A-Za-z0-9_-]{16,256}$/, 'must be 16–256 characters of A-Z, a-z, 0-9, _ and -').optional(),
  /** long polling: serve GET /healthz on this port (for a container health check); unset: none */
  HEALTH_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  /** the webhook's (and the playground's) port */
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  /** on SIGTERM: how long the updates and jobs in hand may take before the process gives up on them */
  SHUTDOWN_DRAIN_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
  DATA_DIR: z.string().default('./data'),
});

export interface Config {
  botToken: string;
  apiRoot: string;
  redisUrl: string | undefined;
  /** seed nodes of a Redis Cluster (REDIS_CLUSTER_NODES); REDIS_URL is unset then */
  redisCluster: { host: string; port: number }[] | undefined;
  redisPrefix: string;
  adminIds: ReadonlySet<number>;
  /** current key first, then older ones; undefined only where a development key is allowed
   *  (the playground, see LoadOptions) and DATA_KEY is not set */
  dataKeys: Buffer[] | undefined;
  defaultTimezone: string;
  logLevel: (typeof LEVELS)[number];
  dataDir: string;
  reminderWorkers: boolean;
  reminderEveryMs: number | undefined;
  reminderLockMs: number | undefined;
  shutdownDrainMs: number;
  /** webhook mode when set; long polling otherwise */
  webhook: { url: string; secret: string; port: number } | undefined;
  port: number;
  healthPort: number | undefined;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Where the key of client data must come from when DATA_KEY is missing, in one line. */
export const DATA_KEY_MISSING =
  'DATA_KEY is required: make one with `openssl rand -base64 32` and keep it outside the data folder (a password manager or the host\'s secret store), never beside the Redis files or in their backups';

export interface LoadOptions {
  /** the playground only: without DATA_KEY, a development key is made (src/store/dev-data-key.ts) */
  developmentKey?: boolean;
}

export function loadConfig(env: NodeJS.ProcessEnv, opts: LoadOptions = {}): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`${String(issue.path[0] ?? 'configuration')} ${issue.message}`);
  }
  const e = parsed.data;
  if (e.WEBHOOK_URL && !e.WEBHOOK_SECRET) throw new ConfigError('WEBHOOK_SECRET is required with WEBHOOK_URL (16 or more characters of A-Z, a-z, 0-9, _ and -)');
  if (e.REDIS_URL && e.REDIS_CLUSTER_NODES) throw new ConfigError('REDIS_URL and REDIS_CLUSTER_NODES are both set: set one (a single Redis, or the nodes of a cluster)');
  // Real client data is never sealed with a key kept next to it: only the playground (which
  // talks to its own embedded Bot API, never Telegram) may make a development key.
  if (!e.DATA_KEY && !opts.developmentKey) throw new ConfigError(DATA_KEY_MISSING);
  return {
    botToken: e.BOT_TOKEN,
    apiRoot: e.TELEGRAM_API_ROOT.replace(/\/+$/, ''),
    redisUrl: e.REDIS_URL,
    redisCluster: e.REDIS_CLUSTER_NODES,
    redisPrefix: e.REDIS_PREFIX,
    adminIds: e.ADMIN_IDS,
    dataKeys: e.DATA_KEY ? [e.DATA_KEY, ...e.DATA_KEY_PREVIOUS].map((k) => Buffer.from(k, 'base64')) : undefined,
    defaultTimezone: e.DEFAULT_TIMEZONE,
    logLevel: e.LOG_LEVEL,
    dataDir: e.DATA_DIR,
    reminderWorkers: e.REMINDER_WORKERS === 'on',
    reminderEveryMs: e.REMINDER_EVERY_MS,
    reminderLockMs: e.REMINDER_LOCK_MS,
    shutdownDrainMs: e.SHUTDOWN_DRAIN_MS,
    webhook: e.WEBHOOK_URL && e.WEBHOOK_SECRET ? { url: e.WEBHOOK_URL, secret: e.WEBHOOK_SECRET, port: e.PORT } : undefined,
    port: e.PORT,
    healthPort: e.HEALTH_PORT,
  };
}
