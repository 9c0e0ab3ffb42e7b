// Configuration from the environment, checked once at start-up. A missing or bad value stops the
// bot with one line that names the variable. Only what an operator sets is here: the tests' knobs
// (reminders every second, a short job lock) are options of the reminder workers' start, which the
// test entry test/support/timed-main.ts passes.
import { IANAZone } from 'luxon';
import { z } from 'zod';
import { parseClusterNodes, type ClusterTarget } from './store/redis-connection.ts';

const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const MAKE_KEY = 'make one with: openssl rand -base64 32';

/**
 * A data key as the operator pastes it: base64 of exactly 32 bytes, written as base64 writes it (a
 * cut or mistyped key is not silently read as another), and random-looking: a key of one repeated
 * byte or a handful of distinct bytes (an all-zero placeholder, "aaaa…") is refused. 32 random
 * bytes have about 30 distinct values; fewer than 16 happens by chance far less than once in 2^100.
 */
function dataKeyProblem(s: string): string | undefined {
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
  /** an ACL user (Redis 6+) for REDIS_CLUSTER_NODES, or for a REDIS_URL that names none */
  REDIS_USERNAME: z.string().optional().transform((s) => s || undefined),
  /** the password for REDIS_CLUSTER_NODES (every node), or for a REDIS_URL that carries none */
  REDIS_PASSWORD: z.string().optional().transform((s) => s || undefined),
  /** TLS to every node of REDIS_CLUSTER_NODES (REDIS_URL says it itself: rediss://) */
  REDIS_TLS: z.enum(['on', 'off']).default('off'),
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
  /** webhook mode (several instances behind a load balancer): Telegram POSTs updates to this URL */
  WEBHOOK_URL: z.url({ error: 'is not a URL (https://your.host/some-secret-path)' }).optional(),
  /** required with WEBHOOK_URL: Telegram sends it in a header with every update */
  WEBHOOK_SECRET: z.string().regex(/^[A-Za-z0-9_-]{16,256}$/, 'must be 16–256 characters of A-Z, a-z, 0-9, _ and -').optional(),
  /** long polling: serve GET /healthz on this port (for a container health check); unset: none */
  HEALTH_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  /** the supervisors' dashboard (a Telegram Mini App): its public HTTPS address, ending in /app/ —
   *  served by this process (the webhook's port; in long polling HEALTH_PORT, else PORT) */
  DASHBOARD_URL: z
    .url({ error: 'is not a URL (https://your.host/app/)' })
    .refine((u) => u.startsWith('https://') && new URL(u).pathname.endsWith('/app/'), 'must be https:// (Telegram opens Mini Apps over HTTPS only) and end in /app/ (https://your.host/app/)')
    .optional(),
  /** the webhook's port (the playground reads its own) */
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  /** on SIGTERM: how long the updates and jobs in hand may take before the process gives up on them */
  SHUTDOWN_DRAIN_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
  DATA_DIR: z.string().default('./data'),
});

interface CommonConfig {
  botToken: string;
  apiRoot: string;
  redisUrl: string | undefined;
  /** a Redis Cluster (REDIS_CLUSTER_NODES, with REDIS_USERNAME, REDIS_PASSWORD, REDIS_TLS); REDIS_URL is unset then */
  redisCluster: ClusterTarget | undefined;
  redisPrefix: string;
  adminIds: ReadonlySet<number>;
  /** current key first, then older ones; undefined only where a development key is allowed
   *  (the playground, see LoadOptions) and DATA_KEY is not set */
  dataKeys: Buffer[] | undefined;
  defaultTimezone: string;
  logLevel: (typeof LEVELS)[number];
  dataDir: string;
  reminderWorkers: boolean;
  shutdownDrainMs: number;
  /** the dashboard's public URL (DASHBOARD_URL); undefined: not served */
  dashboardUrl: string | undefined;
}

/** How updates arrive: long polling (one instance), or a webhook (any number behind a load balancer). */
export type Config = CommonConfig &
  (
    | { mode: 'polling'; /** serve GET /healthz here (a container's health check); undefined: none */ healthPort: number | undefined }
    | { mode: 'webhook'; webhook: { url: string; secret: string; port: number } }
  );

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

interface RedisAuth {
  username: string | undefined;
  password: string | undefined;
  tls: boolean;
}

function definedOnly(auth: RedisAuth): { username?: string; password?: string } {
  return { ...(auth.username ? { username: auth.username } : {}), ...(auth.password ? { password: auth.password } : {}) };
}

/**
 * REDIS_URL carries its own credentials and TLS (`rediss://user:pass@host`); REDIS_USERNAME and
 * REDIS_PASSWORD fill in what it leaves out (a password kept apart from the URL need not be
 * percent-encoded), and may not contradict it.
 */
function withCredentials(url: string, auth: RedisAuth): string {
  const u = new URL(url);
  if (auth.password && u.password) throw new ConfigError('REDIS_PASSWORD is set and REDIS_URL has a password too: keep one of the two');
  if (auth.username && u.username) throw new ConfigError('REDIS_USERNAME is set and REDIS_URL names a user too: keep one of the two');
  if (auth.tls && u.protocol !== 'rediss:') throw new ConfigError('REDIS_TLS=on with a redis:// REDIS_URL: write rediss:// for TLS (REDIS_TLS is for REDIS_CLUSTER_NODES)');
  if (!auth.password && !auth.username) return url;
  // ioredis decodes both with decodeURIComponent
  if (auth.username) u.username = encodeURIComponent(auth.username);
  if (auth.password) u.password = encodeURIComponent(auth.password);
  return u.toString();
}

/** Without REDIS_URL and REDIS_CLUSTER_NODES the process starts its own redis-server, which has no password or TLS. */
function noLocalCredentials(auth: RedisAuth): void {
  const set = [auth.username && 'REDIS_USERNAME', auth.password && 'REDIS_PASSWORD', auth.tls && 'REDIS_TLS=on'].filter(Boolean);
  if (set.length) throw new ConfigError(`${set.join(', ')} set without REDIS_URL or REDIS_CLUSTER_NODES: the local redis-server started then has no password or TLS; set the Redis they are for`);
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
  const auth = { username: e.REDIS_USERNAME, password: e.REDIS_PASSWORD, tls: e.REDIS_TLS === 'on' };
  const redisUrl = e.REDIS_URL ? withCredentials(e.REDIS_URL, auth) : undefined;
  const redisCluster: ClusterTarget | undefined = e.REDIS_CLUSTER_NODES ? { cluster: e.REDIS_CLUSTER_NODES, ...definedOnly(auth), tls: auth.tls } : undefined;
  if (!redisUrl && !redisCluster) noLocalCredentials(auth);
  // Real client data is never sealed with a key kept next to it: only the playground (which
  // talks to its own embedded Bot API, never Telegram) may make a development key.
  if (!e.DATA_KEY && !opts.developmentKey) throw new ConfigError(DATA_KEY_MISSING);
  const common: CommonConfig = {
    botToken: e.BOT_TOKEN,
    apiRoot: e.TELEGRAM_API_ROOT.replace(/\/+$/, ''),
    redisUrl,
    redisCluster,
    redisPrefix: e.REDIS_PREFIX,
    adminIds: e.ADMIN_IDS,
    dataKeys: e.DATA_KEY ? [e.DATA_KEY, ...e.DATA_KEY_PREVIOUS].map((k) => Buffer.from(k, 'base64')) : undefined,
    defaultTimezone: e.DEFAULT_TIMEZONE,
    logLevel: e.LOG_LEVEL,
    dataDir: e.DATA_DIR,
    reminderWorkers: e.REMINDER_WORKERS === 'on',
    shutdownDrainMs: e.SHUTDOWN_DRAIN_MS,
    dashboardUrl: e.DASHBOARD_URL,
  };
  return e.WEBHOOK_URL && e.WEBHOOK_SECRET
    ? { ...common, mode: 'webhook', webhook: { url: e.WEBHOOK_URL, secret: e.WEBHOOK_SECRET, port: e.PORT } }
    : { ...common, mode: 'polling', healthPort: e.HEALTH_PORT ?? (e.DASHBOARD_URL ? e.PORT : undefined) };
}
