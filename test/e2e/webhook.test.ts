// Webhook mode with three bot processes behind "a load balancer" (this test, posting each update to
// an instance of its choice): one user's updates spread across the instances, each also delivered
// twice at once to two instances (Telegram redelivering while the first is in hand), several users
// at a time — every answer lands exactly once, in order. Without the secret header: 401, nothing
// processed. /healthz for the load balancer.
import { openRecord } from '../../src/store/record-pack.ts';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataCipher } from '../../src/store/crypto.ts';
import { createKeys } from '../../src/store/keys.ts';
import { freePort } from '../../src/store/local-redis.ts';
import type { CaseRecord } from '../../src/store/records.ts';
import { FakeBotApi } from '../support/fake-bot-api.ts';
import { BotProcess, buttons, deletePrefix, INTAKE_POSITIONS, redisUrl, sleep } from './support.ts';

const SECRET = 'e2e-webhook-secret-0123456789';
const DATA_KEY = randomBytes(32);
const PREFIX = `e2e-webhook-${process.pid}-${Date.now()}:`;
const USERS = [732_001, 732_002, 732_003, 732_004];
const log: string[] = [];
const procs: BotProcess[] = [];
let fake: FakeBotApi;
let redis: Redis;
const ports: number[] = [];

async function post(port: number, update: unknown, secret: string | null = SECRET): Promise<number> {
  const res = await fetch(`http://127.0.0.1:${port}/tg-hook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(secret ? { 'x-telegram-bot-api-secret-token': secret } : {}) },
    body: JSON.stringify(update),
  });
  return res.status;
}

/** Delivers an update as a flaky Telegram behind a load balancer would: to one instance, and again to another at once. */
async function deliver(update: Record<string, unknown>, n: number): Promise<void> {
  const a = ports[n % ports.length]!;
  const b = ports[(n + 1) % ports.length]!;
  const statuses = await Promise.all([post(a, update), post(b, update)]);
  expect(statuses).toEqual([200, 200]);
}

describe('end to end: three webhook instances', () => {
  beforeAll(async () => {
    redis = new Redis(redisUrl());
    fake = await FakeBotApi.start();
    for (let i = 0; i < 3; i++) {
      const port = await freePort();
      ports.push(port);
      procs.push(BotProcess.start(`hook#${i + 1}`, {
        BOT_TOKEN: '7320412:AAH-e2e_webhook_token_0123456789', TELEGRAM_API_ROOT: fake.url, REDIS_URL: redisUrl(), REDIS_PREFIX: PREFIX,
        ADMIN_IDS: USERS.join(','), DATA_KEY: DATA_KEY.toString('base64'), LOG_LEVEL: 'warn',
        WEBHOOK_URL: `http://127.0.0.1:${port}/tg-hook`, WEBHOOK_SECRET: SECRET, PORT: String(port),
      }, log));
    }
    // ready when every instance's health check answers; an instance that exits instead fails at once
    // (no deadline of its own: a busy machine starts three processes slowly; the hook's timeout bounds it)
    for (const [i, port] of ports.entries()) {
      for (;;) {
        const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.status === 200).catch(() => false);
        if (ok) break;
        if (!procs[i]!.running) throw new Error(`instance on ${port} exited before it was healthy:\n${log.slice(-20).join('\n')}`);
        await sleep(100);
      }
    }
  }, 120_000);

  afterAll(async () => {
    if (process.env.E2E_DEBUG) process.stderr.write(log.join('\n') + '\n');
    for (const p of procs) await p.stop('SIGTERM').catch(() => p.forceKill());
    await fake?.stop();
    await deletePrefix(redis, PREFIX);
    redis.disconnect();
  });

  it('registers the webhook with its secret, and refuses a call without it (nothing processed)', async () => {
    const set = fake.calls.filter((c) => c.method === 'setWebhook');
    expect(set).toHaveLength(3);
    expect(set[0]!.payload['secret_token']).toBe(SECRET);
    const from = fake.calls.length;
    const update = fake.sendText(USERS[0]!, '/bantuan');
    expect(await post(ports[0]!, update, null)).toBe(401);
    expect(await post(ports[0]!, update, 'wrong-secret-wrong-secret')).toBe(401);
    await sleep(300);
    expect(fake.calls.slice(from).filter((c) => c.method === 'sendMessage')).toHaveLength(0);
  });

  it('lands every answer of four users exactly once, in order, across the instances', async () => {
    let n = 0;
    const from = fake.calls.length;
    await Promise.all(USERS.map(async (user, u) => {
      const send = async (update: Record<string, unknown>) => deliver(update, n++ + u);
      await send(fake.sendText(user, '/kasus_baru'));
      // the models are listed by number; typed labels for the other buttons (they show no numbers),
      // the end of the supervision skipped
      for (const typed of ['1', `K${'ABCD'[u]}`, String(30 + u), 'Perempuan', 'Bapas', `Masalah klien ${u}`, 'Praktikan (mahasiswa)', 'Pembebasan bersyarat', '/lewati', 'Orang tua', 'Ya, tertulis', 'Tidak memakai NAPZA']) await send(fake.sendText(user, typed));
      // the review: press 💾 Simpan on the newest message that has it
      const review = [...fake.messages(user)].reverse().find((m) => buttons(m).some((b) => b.text.includes('Simpan')))!;
      const save = buttons(review).find((b) => b.text.includes('Simpan'))!;
      await send(fake.pressButton(user, review.message_id, save.callback_data));
    }));
    const keys = createKeys(PREFIX);
    const cipher = new DataCipher([DATA_KEY]);
    for (const [u, user] of USERS.entries()) {
      const cases = Object.entries(await redis.hgetallBuffer(keys.cases(user))).map(([id, s]) => openRecord<CaseRecord>(cipher, s, keys.cases(user), id));
      expect(cases).toHaveLength(1);
      expect(cases[0]).toMatchObject({ initials: `K${'ABCD'[u]}`, age: 30 + u, gender: 'p', setting: 'bapas', problem: `Masalah klien ${u}`, flowId: 'zastrow-mezzo' });
      expect(cases[0]!.facts).toEqual({ peran: 'praktikan', program: 'pembebasan_bersyarat', penjamin: 'orang_tua', penjamin_setuju: 'tertulis', zat_utama: 'tidak_ada' });
      // each question asked once: the duplicates were dropped, not answered again
      // sent, or a pressed question turned into the next one (and the review into the saved case)
      const shown = (c: (typeof fake.calls)[number]) => c.method === 'sendMessage' || c.method === 'editMessageText';
      const sent = fake.calls.slice(from).filter((c) => shown(c) && Number(c.payload['chat_id']) === user && c.response?.ok).map((c) => String(c.payload['text']));
      if (process.env.E2E_DEBUG) process.stderr.write(`${user}:\n${sent.join('\n---\n')}\n`);
      for (const position of INTAKE_POSITIONS) expect(sent.filter((t) => t.includes(position)), `user ${user} ${position}`).toHaveLength(1);
      expect(sent.filter((t) => t.includes('✅ Kasus'))).toHaveLength(1);
      // a draft touched by another instance running alongside is no restart
      expect(sent.some((t) => t.includes('baru saja dimulai ulang'))).toBe(false);
      expect(sent.some((t) => t.includes('baru saja diubah dari tempat lain'))).toBe(false);
    }
  }, 90_000);

  it('says it is healthy while Redis answers', async () => {
    const res = await fetch(`http://127.0.0.1:${ports[0]}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true });
  });
});
