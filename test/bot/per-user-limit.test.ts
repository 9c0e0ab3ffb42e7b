// The per-user cap on updates in hand (src/bot/per-user-limit.ts), alone: a flood is dropped past
// the cap until none of the user's updates is in hand, told once; an album's other photos are
// dropped without a word; updates parked before a restart are taken whatever the count. And the
// notice: members (and ADMIN_IDS users) in their language, nobody else.
import type { Api } from 'grammy';
import type { Update } from 'grammy/types';
import { Redis } from 'ioredis';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { floodNotice, PER_USER_IN_HAND, PerUserLimit } from '../../src/bot/per-user-limit.ts';
import { createKeys } from '../../src/store/keys.ts';
import { deletePrefix, redisUrl } from '../support/redis.ts';

let next = 1;
function text(user: number, album?: string, languageCode = 'id'): Update {
  const id = next++;
  return {
    update_id: id,
    message: { message_id: id, date: 0, chat: { id: user, type: 'private', first_name: 'U' }, from: { id: user, is_bot: false, first_name: 'U', language_code: languageCode }, text: 'x', ...(album ? { media_group_id: album } : {}) },
  } as Update;
}

function limit(): { l: PerUserLimit; told: number[] } {
  const told: number[] = [];
  const l = new PerUserLimit(pino({ level: 'silent' }), { notice: async (u) => void told.push(u.update_id) });
  return { l, told };
}

describe('the per-user cap on updates in hand', () => {
  it('drops a flood past the cap, tells once, and lets the next flood be told again', () => {
    const { l, told } = limit();
    const taken = Array.from({ length: PER_USER_IN_HAND }, () => text(1));
    expect(taken.map((u) => l.admit(u))).toEqual(taken.map(() => true));
    const over = [text(1), text(1)];
    expect(over.map((u) => l.admit(u))).toEqual([false, false]);
    expect(told).toEqual([over[0]!.update_id]);
    // another user is not touched by it
    expect(l.admit(text(2))).toBe(true);
    // one finished: still the same flood
    l.release(taken[0]!);
    expect(l.admit(text(1))).toBe(false);
    // none in hand: the flood is over
    for (const u of taken.slice(1)) l.release(u);
    const again = text(1);
    expect(l.admit(again)).toBe(true);
    for (let i = 1; i < PER_USER_IN_HAND; i++) l.admit(text(1));
    const second = text(1);
    expect(l.admit(second)).toBe(false);
    expect(told).toEqual([over[0]!.update_id, second.update_id]);
    expect(l.dropped).toBe(4);
  });

  it('drops the other photos of an album whose first is in hand, without telling', () => {
    const { l, told } = limit();
    const first = text(3, 'album-1');
    expect(l.admit(first)).toBe(true);
    expect([text(3, 'album-1'), text(3, 'album-1')].map((u) => l.admit(u))).toEqual([false, false]);
    expect(l.admit(text(3, 'album-2'))).toBe(true);
    expect(told).toEqual([]);
    l.release(first);
    // the first one done: a late photo of that album is handled (the bot skips it as an answer)
    expect(l.admit(text(3, 'album-1'))).toBe(true);
  });

  it('takes updates parked before a restart whatever the count, and counts them', () => {
    const { l } = limit();
    const parked = Array.from({ length: PER_USER_IN_HAND + 2 }, () => text(4));
    expect(parked.map((u) => l.admit(u, true)).every(Boolean)).toBe(true);
    expect(l.admit(text(4))).toBe(false);
  });
});

describe('the notice to a flooding user', () => {
  it('goes to a member in their language (one read of their membership), to an ADMIN_IDS user in Telegram\'s, and to nobody else', async () => {
    const prefix = `test-flood-notice-${process.pid}:`;
    const keys = createKeys(prefix);
    const redis = new Redis(redisUrl());
    const sent: [number, string][] = [];
    const api = { sendMessage: async (chat: number, t: string) => void sent.push([chat, t]) } as unknown as Api;
    const notice = floodNotice({ api, redis, keys, adminIds: new Set([14]), text: (l) => `wait:${l}` });
    try {
      await redis.hset(keys.membership(11), 'orgId', 'org1', 'lang', 'en');
      await redis.hset(keys.memberships(11), 'org1', JSON.stringify({ role: 'worker' }));
      await redis.hset(keys.membership(12), 'orgId', 'org1');
      await redis.hset(keys.memberships(12), 'org1', JSON.stringify({ role: 'worker', suspended: true }));
      await redis.hset(keys.membership(15), 'orgId', 'org1');
      await redis.hset(keys.memberships(15), 'org1', JSON.stringify({ role: 'worker' }));
      for (const [user, code] of [[11, 'id'], [12, 'id'], [13, 'en'], [14, 'en'], [15, 'en']] as const) await notice(text(user, undefined, code));
      // 12 suspended and 13 a stranger: nothing; 15 without a language kept: Telegram's
      expect(sent).toEqual([[11, 'wait:en'], [14, 'wait:en'], [15, 'wait:en']]);
    } finally {
      await deletePrefix(redis, prefix);
      redis.disconnect();
    }
  });
});
