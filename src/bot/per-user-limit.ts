// How many of one user's updates a process holds at once (issue #23.5). A person cannot type faster
// than the bot answers unless the bot is stuck on them (a slow reply, a 429 being waited out), so
// more than a handful in hand is a flood or a stuck chat. Beyond the cap an update is dropped —
// finished at once, never handled — so it holds nobody else's: long polling counts it as done,
// the webhook answers 200. A flood lasts until none of the user's updates is in hand: all of it
// past the cap is dropped (not some of it as slots free up), and a member (or an ADMIN_IDS user) is
// told once; a stranger is told nothing.
import type { Api } from 'grammy';
import type { Update } from 'grammy/types';
import type { Logger } from 'pino';
import type { Lang } from '../store/session.ts';
import type { Keys } from '../store/keys.ts';
import { effectiveOrg } from '../store/org-records.ts';
import type { RedisClient } from '../store/redis-connection.ts';

/** One user's updates in hand, at most (per process). */
export const PER_USER_IN_HAND = 5;

/** Telegram sends this many webhook requests at once at most (its default, set explicitly). */
export const WEBHOOK_MAX_CONNECTIONS = 40;

/** Who sent the update (the one whose updates are handled in order). */
export function userOf(u: Update): number | undefined {
  return (u.message ?? u.edited_message)?.from?.id ?? u.callback_query?.from.id;
}

/** Tells the user whose update was dropped to wait: called once per flood, never awaited (a failure is logged). */
export type FloodNotice = (dropped: Update) => Promise<void>;

export interface PerUserLimitOptions {
  /** default PER_USER_IN_HAND */
  max?: number;
  notice?: FloodNotice;
}

interface UserInHand {
  count: number;
  told: boolean;
  /** albums with a photo in hand: how many */
  albums: Map<string, number>;
}

export class PerUserLimit {
  private readonly users = new Map<number, UserInHand>();
  private readonly max: number;
  private readonly notice: FloodNotice | undefined;
  private readonly logger: Logger;
  /** updates dropped since the start (for logs and tests) */
  dropped = 0;

  constructor(logger: Logger, opts: PerUserLimitOptions = {}) {
    this.logger = logger;
    this.max = opts.max ?? PER_USER_IN_HAND;
    this.notice = opts.notice;
  }

  /**
   * Whether to handle the update — then `release` it once finished — or drop it. `force`: taken
   * whatever the count (updates parked before a restart); it still counts.
   */
  admit(u: Update, force = false): boolean {
    const id = userOf(u);
    if (id === undefined) return true;
    let s = this.users.get(id);
    if (!s) this.users.set(id, (s = { count: 0, told: false, albums: new Map() }));
    const album = u.message?.media_group_id;
    if (!force) {
      // an album comes as one message per photo; only its first is ever an answer
      // (src/bot/features/answers.ts), so the others are dropped without a word
      if (album !== undefined && s.albums.has(album)) return this.drop(u, id, s, false);
      // once a flood began, the rest of it is dropped until none of theirs is in hand
      if (s.told || s.count >= this.max) return this.drop(u, id, s, true);
    }
    s.count++;
    if (album !== undefined) s.albums.set(album, (s.albums.get(album) ?? 0) + 1);
    return true;
  }

  /** An admitted update finished. */
  release(u: Update): void {
    const id = userOf(u);
    const s = id === undefined ? undefined : this.users.get(id);
    if (id === undefined || !s) return;
    const album = u.message?.media_group_id;
    if (album !== undefined) {
      const left = (s.albums.get(album) ?? 1) - 1;
      if (left > 0) s.albums.set(album, left);
      else s.albums.delete(album);
    }
    // none in hand: the flood is over; the next one is told again
    if (--s.count <= 0) this.users.delete(id);
  }

  private drop(u: Update, id: number, s: UserInHand, tell: boolean): false {
    this.dropped++;
    if (tell && !s.told) {
      s.told = true;
      this.logger.warn({ userId: id, updateId: u.update_id, inHand: s.count }, 'too many updates of one user in hand: dropping the rest of their flood');
      // never awaited: the notice must not hold the receiver (nor the user's own chain)
      this.notice?.(u).catch((err: unknown) => this.logger.warn({ userId: id, err }, 'could not tell a flooding user to wait'));
    }
    return false;
  }
}

/**
 * The notice a member gets when their updates are dropped: "⏳ Tunggu sebentar…" in their language.
 * The session is not read for a dropped update; one small read of the membership hash (once per
 * flood) tells a member from a stranger and carries the member's language (their /bahasa choice,
 * else what their Telegram last reported: src/bot/lang.ts); without it, Telegram's language_code.
 */
export function floodNotice(o: { api: Api; redis: RedisClient; keys: Keys; adminIds: ReadonlySet<number>; text: (lang: Lang) => string }): FloodNotice {
  return async (u) => {
    const from = (u.message ?? u.edited_message)?.from ?? u.callback_query?.from;
    const chat = (u.message ?? u.edited_message)?.chat ?? u.callback_query?.message?.chat;
    // private chats only, as the bot answers (a group is refused anyway)
    if (!from || from.is_bot || (chat && chat.type !== 'private')) return;
    const read = (await o.redis.pipeline().hmget(o.keys.membership(from.id), 'orgId', 'lang').hgetall(o.keys.memberships(from.id)).exec()) ?? [];
    for (const [err] of read) if (err) throw err;
    const [chosen, lang] = read[0]![1] as (string | null)[];
    const member = effectiveOrg(chosen, read[1]![1] as Record<string, string>);
    if (member?.entry.suspended || (!member && !o.adminIds.has(from.id))) return;
    const l: Lang = lang === 'en' || lang === 'id' ? lang : from.language_code?.startsWith('en') ? 'en' : 'id';
    await o.api.sendMessage(from.id, o.text(l));
  };
}
