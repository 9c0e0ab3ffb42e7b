import { afterEach, describe, expect, it } from 'vitest';
import { Bot, GrammyError, InlineKeyboard, InputFile } from 'grammy';
import { TelegramSim } from '../../src/playground/telegram-sim.ts';
import { FakeBotApi } from './fake-bot-api.ts';

const TOKEN = '123456:TEST-token';
const USER = 4242;

let fake: FakeBotApi | undefined;

async function setup(): Promise<{ fake: FakeBotApi; bot: Bot }> {
  fake = await FakeBotApi.start();
  // botInfo deliberately not given: grammY must fetch it via getMe from the fake.
  const bot = new Bot(TOKEN, { client: { apiRoot: fake.url } });
  return { fake, bot };
}

afterEach(async () => {
  await fake?.stop();
  fake = undefined;
});

describe('FakeBotApi driven by a real grammY Bot', () => {
  it('records sendMessage with an inline keyboard and shows it in messages()', async () => {
    const { fake, bot } = await setup();
    await bot.init();
    expect(bot.botInfo.username).toBe('pendamping_test_bot');

    const keyboard = new InlineKeyboard().text('Ya', 'yes').text('Tidak', 'no');
    const sent = await bot.api.sendMessage(USER, 'Simpan catatan?', { reply_markup: keyboard });

    expect(sent.message_id).toBe(1);
    expect(sent.chat).toMatchObject({ id: USER, type: 'private' });
    expect(sent.from?.is_bot).toBe(true);
    const call = fake.calls.find((c) => c.method === 'sendMessage');
    expect(call?.token).toBe(TOKEN);
    expect(call?.payload).toMatchObject({ chat_id: USER, text: 'Simpan catatan?' });
    expect(fake.messages(USER)).toEqual([
      {
        message_id: 1,
        text: 'Simpan catatan?',
        reply_markup: { inline_keyboard: [[{ text: 'Ya', callback_data: 'yes' }, { text: 'Tidak', callback_data: 'no' }]] },
      },
    ]);
  });

  it('delivers pushed updates to bot.start() long polling and records the reply', async () => {
    const { fake, bot } = await setup();
    bot.command('start', (ctx) => ctx.reply(`Halo ${ctx.from?.first_name ?? ''}`, {
      reply_markup: new InlineKeyboard().text('Mulai', 'begin'),
    }));
    bot.callbackQuery('begin', async (ctx) => {
      await ctx.answerCallbackQuery();
      await ctx.editMessageText(`Dipilih dari: ${ctx.callbackQuery.message?.text ?? '?'}`);
    });

    let started!: () => void;
    const onStartCalled = new Promise<void>((resolve) => (started = resolve));
    const running = bot.start({ drop_pending_updates: false, onStart: () => started() });
    await onStartCalled;

    const mark = fake.calls.length;
    const update = fake.sendText(USER, '/start', { firstName: 'Sari', languageCode: 'id' });
    expect(update['message']).toMatchObject({ entities: [{ type: 'bot_command', offset: 0, length: 6 }] });
    const reply = await fake.waitForReply(USER, { fromIndex: mark, match: /^Halo Sari$/ });
    expect(reply.method).toBe('sendMessage');

    // The user message took id 1, so the bot's reply is 2 in the same chat.
    const botMessage = fake.lastMessage(USER);
    expect(botMessage?.message_id).toBe(2);

    const mark2 = fake.calls.length;
    fake.pressButton(USER, 2, 'begin');
    const edit = await fake.waitForReply(USER, { fromIndex: mark2 });
    expect(edit.payload['text']).toBe('Dipilih dari: Halo Sari');
    expect(fake.lastMessage(USER)).toEqual({ message_id: 2, text: 'Dipilih dari: Halo Sari', reply_markup: undefined });
    expect(fake.calls.some((c) => c.method === 'answerCallbackQuery')).toBe(true);

    const t0 = Date.now();
    await bot.stop();
    await running;
    expect(Date.now() - t0).toBeLessThan(1000);
    // The final getUpdates confirms everything that was handled.
    const last = fake.calls.at(-1);
    expect(last?.method).toBe('getUpdates');
    expect(last?.payload['offset']).toBe((update['update_id'] as number) + 2);
    expect(fake.calls.map((c) => c.method).slice(0, 2)).toEqual(['getMe', 'deleteWebhook']);
    // The update was delivered through a held long poll, not a busy loop.
    expect(fake.calls.filter((c) => c.method === 'getUpdates' && c.payload['timeout'] === 30).length).toBeGreaterThan(0);
  });

  it('edits messages and rejects a no-op edit with the Bot API 400 error', async () => {
    const { fake, bot } = await setup();
    const kb = new InlineKeyboard().text('OK', 'ok');
    const sent = await bot.api.sendMessage(USER, 'draf', { reply_markup: kb });

    const edited = await bot.api.editMessageText(USER, sent.message_id, 'final', { reply_markup: kb });
    expect(edited).toMatchObject({ message_id: sent.message_id, text: 'final' });
    expect(fake.messages(USER)[0]).toMatchObject({ text: 'final', reply_markup: { inline_keyboard: [[{ text: 'OK', callback_data: 'ok' }]] } });

    const error = await bot.api.editMessageText(USER, sent.message_id, 'final', { reply_markup: kb }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GrammyError);
    expect((error as GrammyError).error_code).toBe(400);
    expect((error as GrammyError).description).toMatch(/^Bad Request: message is not modified/);

    const missing = await bot.api.editMessageText(USER, 999, 'x').catch((e: unknown) => e);
    expect((missing as GrammyError).description).toBe('Bad Request: message to edit not found');
  });

  it('parses a multipart sendDocument upload into file name and bytes', async () => {
    const { fake, bot } = await setup();
    const msg = await bot.api.sendDocument(USER, new InputFile(Buffer.from('hello'), 'catatan.txt'), {
      caption: '123',
      reply_markup: new InlineKeyboard().text('Hapus', 'del'),
    });
    expect(msg.document?.file_name).toBe('catatan.txt');

    const call = fake.calls.find((c) => c.method === 'sendDocument');
    // chat_id arrives as a multipart string and is decoded, caption stays a string.
    expect(call?.payload['chat_id']).toBe(USER);
    const stored = fake.lastMessage(USER);
    expect(stored?.caption).toBe('123');
    expect(stored?.document?.file_name).toBe('catatan.txt');
    expect(stored?.document?.bytes.toString('utf8')).toBe('hello');
    expect(stored?.reply_markup).toEqual({ inline_keyboard: [[{ text: 'Hapus', callback_data: 'del' }]] });

    // grammY does not quote filenames in multipart headers, so spaces must survive too.
    await bot.api.sendDocument(USER, new InputFile(Buffer.from([0, 255, 13, 10]), 'sesi 1; final.bin'));
    expect(fake.lastMessage(USER)?.document).toMatchObject({ file_name: 'sesi 1; final.bin', bytes: Buffer.from([0, 255, 13, 10]) });
  });

  it('failNext makes the next call fail with the given Telegram error, then recovers', async () => {
    const { fake, bot } = await setup();
    fake.failNext('sendMessage', {
      error_code: 429,
      description: 'Too Many Requests: retry after 1',
      parameters: { retry_after: 1 },
    });

    const error = await bot.api.sendMessage(USER, 'satu').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GrammyError);
    expect((error as GrammyError).error_code).toBe(429);
    expect((error as GrammyError).parameters.retry_after).toBe(1);

    const ok = await bot.api.sendMessage(USER, 'dua');
    expect(ok.text).toBe('dua');
    expect(fake.messages(USER).map((m) => m.text)).toEqual(['dua']);
    // The failed call is recorded but waitForReply skips it.
    expect(fake.calls.filter((c) => c.method === 'sendMessage')).toHaveLength(2);
    expect((await fake.waitForReply(USER)).payload['text']).toBe('dua');
  });

  it('waitForCall times out with a summary of recent calls', async () => {
    const { fake, bot } = await setup();
    await bot.api.sendMessage(USER, 'halo');
    await expect(fake.waitForCall((c) => c.method === 'sendPoll', { timeoutMs: 50 })).rejects.toThrow(/sendMessage chat=4242 \[ok\] "halo"/);
  });

  it('stop() ends a held long poll immediately with an empty result', async () => {
    const { fake } = await setup();
    const poll = fetch(`${fake.url}/bot${TOKEN}/getUpdates?timeout=30`);
    await fake.waitForCall((c) => c.method === 'getUpdates');
    const t0 = Date.now();
    await fake.stop();
    expect(await (await poll).json()).toEqual({ ok: true, result: [] });
    expect(Date.now() - t0).toBeLessThan(500);
  });

  it('answers unknown methods with 404', async () => {
    const { fake } = await setup();
    const res = await fetch(`${fake.url}/bot${TOKEN}/noSuchMethod`, { method: 'POST' });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ ok: false, error_code: 404, description: 'Not Found' });
  });

  it('holdNext: the call is in `calls` at once and answered at the release', async () => {
    const { fake, bot } = await setup();
    const release = fake.holdNext('sendMessage');
    const sent = bot.api.sendMessage(USER, 'pelan');
    const held = await fake.waitForCall((c) => c.method === 'sendMessage');
    expect(held.response).toBeUndefined();
    expect(fake.messages(USER)).toEqual([]);
    release();
    expect((await sent).text).toBe('pelan');
    expect(held.response).toMatchObject({ ok: true });
    expect(fake.messages(USER).map((m) => m.text)).toEqual(['pelan']);
  });

  it('a held call whose client hangs up is never answered and never reaches the chats', async () => {
    const { fake } = await setup();
    const hold = fake.holdWhile((req) => req.method === 'sendMessage');
    const client = new AbortController();
    const sent = fetch(`${fake.url}/bot${TOKEN}/sendMessage`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ chat_id: USER, text: 'hilang' }), signal: client.signal,
    }).catch(() => 'aborted');
    const held = await hold.first;
    client.abort();
    expect(await sent).toBe('aborted');
    // the server learns of the hang-up a moment later
    for (let i = 0; i < 200 && !held.abandoned; i++) await new Promise((r) => setTimeout(r, 10));
    expect(held.abandoned).toBe(true);
    hold.release();
    expect(held.call.response).toBeUndefined();
    expect(fake.messages(USER)).toEqual([]);
  });

  it('listen: another port onto the same chats, its calls named after it', async () => {
    const { fake } = await setup();
    const other = await fake.listen('worker-b');
    const res = await fetch(`${other}/bot${TOKEN}/sendMessage`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ chat_id: USER, text: 'dari B' }) });
    expect(res.status).toBe(200);
    expect(fake.calls.map((c) => [c.method, c.via])).toEqual([['sendMessage', 'worker-b']]);
    expect(fake.messages(USER).map((m) => m.text)).toEqual(['dari B']);
  });
});

describe('the simulator alone (no HTTP): method + payload → outcome, user actions → updates', () => {
  it('answers calls and turns what a user does into updates for getUpdates', () => {
    const sim = new TelegramSim({ now: () => Date.UTC(2025, 2, 14, 3) });
    const sent = sim.call('sendMessage', { chat_id: USER, text: 'Halo', reply_markup: { inline_keyboard: [[{ text: 'Ya', callback_data: 'y' }]] } });
    expect(sent).toMatchObject({ ok: true, result: { message_id: 1, date: Date.UTC(2025, 2, 14, 3) / 1000, text: 'Halo' } });
    expect(sim.call('editMessageText', { chat_id: USER, message_id: 1, text: 'Halo', reply_markup: { inline_keyboard: [[{ callback_data: 'y', text: 'Ya' }]] } }))
      .toMatchObject({ ok: false, error_code: 400 });
    expect(sim.call('sendMessage', { chat_id: USER, text: 'x'.repeat(4097) })).toMatchObject({ ok: false, description: 'Bad Request: message is too long' });
    expect(sim.call('noSuchMethod', {})).toEqual({ ok: false, error_code: 404, description: 'Not Found' });

    const press = sim.pressButton(USER, 1, 'y') as { update_id: number; callback_query: { message: { text: string } } };
    expect(press.callback_query.message.text).toBe('Halo');
    expect(sim.findButton(USER, (label) => label === 'Ya')).toEqual({ messageId: 1, data: 'y' });
    const typed = sim.sendText(USER, '/mulai') as { update_id: number };
    expect(sim.call('getUpdates', {})).toMatchObject({ ok: true, result: [{ update_id: press.update_id }, { update_id: typed.update_id }] });
    // asking from an offset confirms what lies below it
    expect(sim.call('getUpdates', { offset: typed.update_id })).toMatchObject({ ok: true, result: [{ update_id: typed.update_id }] });
    expect(sim.call('getUpdates', {})).toMatchObject({ ok: true, result: [{ update_id: typed.update_id }] });
  });
});
