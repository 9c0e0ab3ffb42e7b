// Monitoring reminders as a worker meets them, in the real bot process (workers in-process, the
// default) against the fake Bot API: a case opened in chat gets its reminder; the buttons under it
// open the note, postpone it, skip it this time with a reason; /pengingat pauses everything.
// TEST_REMINDER_EVERY_MS=1000 (test/support/timed-main.ts) makes the weekly schedule fire every second.
import { openRecord } from '../../src/store/record-pack.ts';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataCipher } from '../../src/store/crypto.ts';
import { createKeys } from '../../src/store/keys.ts';
import { FakeBotApi, type ApiCall } from '../support/fake-bot-api.ts';
import { BotProcess, deletePrefix, findButton, openCaseByIntake, redisUrl, Stored, textOf, User, WAIT_MS } from './support.ts';

const USER_ID = 730_043;
const DATA_KEY = randomBytes(32);
const PREFIX = `e2e-rem-${process.pid}-${Date.now()}:`;
const log: string[] = [];
const procs: BotProcess[] = [];
let fake: FakeBotApi;
let redis: Redis;

const isReminder = (c: ApiCall) => c.method === 'sendMessage' && textOf(c).startsWith('⏰ Pengingat monitoring');

describe('end to end: monitoring reminders in the real bot process', () => {
  beforeAll(async () => {
    redis = new Redis(redisUrl());
    fake = await FakeBotApi.start();
  });
  afterAll(async () => {
    for (const p of procs) p.forceKill();
    await Promise.all(procs.map((p) => p.exited));
    await fake?.stop();
    await deletePrefix(redis, PREFIX);
    redis.disconnect();
  });

  it('reminds of a case opened in chat; note now, postpone, skip with a reason, pause', async () => {
    const bot = BotProcess.start('bot', {
      BOT_TOKEN: '7300413:AAH-e2e_reminder_token_0123456789',
      TELEGRAM_API_ROOT: fake.url,
      REDIS_URL: redisUrl(),
      REDIS_PREFIX: PREFIX,
      ADMIN_IDS: String(USER_ID),
      DATA_KEY: DATA_KEY.toString('base64'),
      TEST_REMINDER_EVERY_MS: '1000',
      LOG_LEVEL: 'warn',
    }, log);
    procs.push(bot);
    await fake.waitForCall((c) => c.method === 'getUpdates', { timeoutMs: WAIT_MS });
    const user = new User(fake, USER_ID);
    const stored = new Stored(redis, createKeys(PREFIX), new DataCipher([DATA_KEY]), USER_ID);

    // a case, opened as a worker would
    await openCaseByIntake(user, {
      'Model intervensi yang dipakai?': { press: 'Skidmore' },
      'Tempat layanan klien?': { press: 'BNNK' },
      'Masalah utama klien, singkat saja?': { say: 'Penyalahgunaan sabu' },
      'Peran Anda dalam kasus ini?': { press: 'Konselor adiksi' },
      'Zat utama yang dipakai klien?': { press: 'Sabu' },
    });

    // the reminder comes, in Indonesian, with its three buttons
    const from = fake.calls.length;
    const first = await fake.waitForCall(isReminder, { fromIndex: from, timeoutMs: WAIT_MS });
    // the case by its code only: the text is what the lock screen shows
    expect(textOf(first)).toMatch(/^⏰ Pengingat monitoring: #[0-9A-Z]{6} · Tahap Penelitian \(relasi dan kontrak\) · belum ada pertemuan yang terlaksana$/);
    const reminder = user.message((first.response as { result: { message_id: number } }).result.message_id);
    expect([findButton(reminder, '📝 Catat sekarang'), findButton(reminder, '⏰ Tunda 1 hari'), findButton(reminder, 'Lewati kali ini')]).toHaveLength(3);

    // 📝 Catat sekarang opens the note flow for that case
    await user.press(reminder, '📝 Catat sekarang', /Pertanyaan 1 dari/);

    // ⏰ Tunda 1 hari
    await user.press(reminder, '⏰ Tunda 1 hari', /saya kirim lagi besok/);

    // Lewati kali ini, with a reason kept on the case
    const later = await fake.waitForCall(isReminder, { fromIndex: fake.calls.length, timeoutMs: WAIT_MS });
    const skipOn = user.message((later.response as { result: { message_id: number } }).result.message_id);
    await user.press(skipOn, 'Lewati kali ini', /Apa alasannya\?/);
    const reason = await user.say('Klien sedang sakit', /Alasan dicatat pada kasus Si \(42\)/);
    await stored.handled(reason.update['update_id'] as number); // the reply comes just before the write
    const casesKey = createKeys(PREFIX).cases(USER_ID);
    const [caseId, sealed] = Object.entries(await redis.hgetallBuffer(casesKey))[0]!;
    const c = openRecord<{ monitoring?: { skipped?: { reason?: string }[] } }>(new DataCipher([DATA_KEY]), sealed, casesKey, caseId);
    expect(c.monitoring?.skipped?.map((s) => s.reason)).toContain('Klien sedang sakit');

    // /pengingat: pause all — the reminders stop
    const settings = (await user.say('/pengingat', /Pengingat monitoring/)).msg;
    expect(settings.text).toContain('untuk 1 kasus aktif');
    await user.pressInPlace(settings, '⏸ Jeda semua');
    expect(user.message(settings.message_id).text).toContain('Pengingat monitoring dijeda');
    for (let i = 0; i < 100 && !(await stored.session())?.reminders?.paused; i++) await new Promise((r) => setTimeout(r, 20));
    expect((await stored.session())?.reminders?.paused).toBe(true); // written just after the edit
    // the sync removes the scheduler; give a reminder in flight time to land, then none may follow
    await new Promise((r) => setTimeout(r, 2_500));
    const quietFrom = fake.calls.length;
    await new Promise((r) => setTimeout(r, 3_000));
    expect(fake.calls.slice(quietFrom).filter(isReminder)).toEqual([]);

    expect(await bot.stop('SIGTERM')).toEqual({ code: 0, signal: null });
  }, 60_000);
});
