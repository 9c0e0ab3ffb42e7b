// A dashboard session: made once the page's initData checked out, kept on the server (the page
// holds only a random token, in memory: never in a URL, cookie, CloudStorage or log). Redis keeps it
// sealed under a hash of the token, for 30 minutes from the last call (GETEX renews it as it reads).
// It names who and in which organisation: every call reads their membership there again, so a
// session outlives nothing — a removed or suspended member's next call is refused (one who switched
// organisation in the chat goes on seeing the one they opened it in, while a member there).
import { createHash, randomBytes } from 'node:crypto';
import type { DataCipher } from '../store/crypto.ts';
import type { Keys } from '../store/keys.ts';
import type { RedisClient } from '../store/redis-connection.ts';
import type { Lang } from '../cases/labels.ts';

export const SESSION_TTL_S = 30 * 60;

export interface DashSession {
  userId: number;
  /** the organisation they worked in when they opened the dashboard */
  orgId: string;
  /** their first name as Telegram gave it (what the worker is told: "Rina menyetujui …") */
  name: string;
  lang: Lang;
}

const hashOf = (token: string) => createHash('sha256').update(token).digest('base64url');

export class DashSessions {
  private readonly redis: RedisClient;
  private readonly keys: Keys;
  private readonly cipher: DataCipher;

  constructor(d: { redis: RedisClient; keys: Keys; cipher: DataCipher }) {
    this.redis = d.redis;
    this.keys = d.keys;
    this.cipher = d.cipher;
  }

  async create(s: DashSession): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    const key = this.keys.dashSession(hashOf(token));
    await this.redis.set(key, this.cipher.seal(s, key), 'EX', SESSION_TTL_S);
    return token;
  }

  /** The session of a token, its life renewed; undefined: unknown or expired. */
  async get(token: string | undefined): Promise<DashSession | undefined> {
    if (!token || !/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
    const key = this.keys.dashSession(hashOf(token));
    const sealed = await this.redis.getex(key, 'EX', SESSION_TTL_S);
    return sealed ? this.cipher.open<DashSession>(sealed, key) : undefined;
  }
}
