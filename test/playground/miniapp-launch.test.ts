// The playground is Telegram for the Mini App: the simulator keeps the chats' menu buttons as the Bot
// API does (and accepts web_app buttons), and the page server opens only its own Mini App, with
// initData signed as Telegram signs it, by the playground's clock, so the dashboard's check accepts it.
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkInitData } from '../../src/dashboard/init-data.ts';
import { PlaygroundClock } from '../../src/playground/clock.ts';
import { LIGHT_THEME, miniAppSrc } from '../../src/playground/miniapp.ts';
import { TelegramSim, type SimEvent } from '../../src/playground/telegram-sim.ts';
import { startWebServer, type PlaygroundView } from '../../src/playground/web.ts';

const TOKEN = '123456:PLAYGROUND-miniapp-test-token-0123456789';
const APP = 'http://localhost:8080/app/';
const webApp = (text: string, url: string) => ({ type: 'web_app', text, web_app: { url } });

describe('the simulator: menu buttons and web_app buttons', () => {
  it('keeps a chat’s menu button and the default; a chat without its own shows the default, else the commands', () => {
    const sim = new TelegramSim();
    const events: SimEvent[] = [];
    sim.onEvent((e) => events.push(e));
    expect(sim.call('getChatMenuButton', { chat_id: 1002 })).toEqual({ ok: true, result: { type: 'commands' } });

    expect(sim.call('setChatMenuButton', { chat_id: 1002, menu_button: webApp('📊 Dasbor', APP) }).ok).toBe(true);
    expect(events).toEqual([{ type: 'menuButton', chatId: 1002 }]);
    expect(sim.call('getChatMenuButton', { chat_id: 1002 })).toEqual({ ok: true, result: webApp('📊 Dasbor', APP) });
    expect(sim.menuButton(1003)).toEqual({ type: 'commands' });

    sim.call('setChatMenuButton', { menu_button: webApp('Dashboard', 'https://example.org/app/') });
    expect(events.at(-1)).toEqual({ type: 'menuButton' });
    expect(sim.menuButton(1003)).toEqual(webApp('Dashboard', 'https://example.org/app/'));
    expect(sim.call('getChatMenuButton', {})).toEqual({ ok: true, result: webApp('Dashboard', 'https://example.org/app/') });
    expect(sim.menuButton(1002)).toEqual(webApp('📊 Dasbor', APP));

    // a chat's `commands` overrides the default; its `default` gives the default back
    sim.call('setChatMenuButton', { chat_id: 1003, menu_button: { type: 'commands' } });
    expect(sim.menuButton(1003)).toEqual({ type: 'commands' });
    sim.call('setChatMenuButton', { chat_id: 1003, menu_button: { type: 'default' } });
    expect(sim.menuButton(1003)).toEqual(webApp('Dashboard', 'https://example.org/app/'));

    // Reset forgets the chats' own; the default stays, as the command menu does (set at the bot's start)
    sim.clear();
    expect(sim.menuButton(1002)).toEqual(webApp('Dashboard', 'https://example.org/app/'));
    sim.call('setChatMenuButton', {});
    expect(sim.menuButton(1002)).toEqual({ type: 'commands' });
  });

  it('refuses a text outside 1–64 characters, a URL that is not https (but for the local machine), an unknown type', () => {
    const sim = new TelegramSim();
    const refused = (menu_button: unknown) => sim.call('setChatMenuButton', { chat_id: 1002, menu_button });
    expect(refused(webApp('', APP))).toMatchObject({ ok: false, error_code: 400 });
    expect(refused(webApp('x'.repeat(65), APP))).toMatchObject({ ok: false, error_code: 400 });
    expect(refused(webApp('App', 'http://example.org/app/'))).toMatchObject({ ok: false, error_code: 400, description: expect.stringContaining('Only HTTPS') });
    expect(refused(webApp('App', 'javascript:alert(1)'))).toMatchObject({ ok: false, error_code: 400 });
    expect(refused(webApp('App', 'http://localhost/app/'))).toMatchObject({ ok: false, error_code: 400 });
    expect(refused({ type: 'url' })).toMatchObject({ ok: false, error_code: 400 });
    expect(sim.menuButton(1002)).toEqual({ type: 'commands' });
    expect(refused(webApp('x'.repeat(64), 'http://127.0.0.1:9000/app/'))).toEqual({ ok: true, result: true });
  });

  it('accepts an inline web_app button in a message and an edit; refuses a foreign plain-http one', () => {
    const sim = new TelegramSim();
    const markup = (url: string) => ({ inline_keyboard: [[{ text: '📊 Dasbor', web_app: { url } }, { text: 'OK', callback_data: 'ok' }]] });
    const sent = sim.call('sendMessage', { chat_id: 1002, text: 'Tim', reply_markup: markup(APP) });
    expect(sent.ok).toBe(true);
    expect(sim.chatMessages(1002).at(-1)?.replyMarkup).toEqual(markup(APP));
    const id = (sent as { result: { message_id: number } }).result.message_id;
    expect(sim.call('editMessageText', { chat_id: 1002, message_id: id, text: 'Tim!', reply_markup: markup('https://example.org/app/') }).ok).toBe(true);

    expect(sim.call('sendMessage', { chat_id: 1002, text: 'Tim', reply_markup: markup('http://example.org/app/') })).toMatchObject({ ok: false, error_code: 400 });
    expect(sim.call('editMessageText', { chat_id: 1002, message_id: id, text: 'Tim?', reply_markup: markup('http://example.org/') })).toMatchObject({ ok: false, error_code: 400 });
    expect(sim.chatMessages(1002).map((m) => m.text)).toEqual(['Tim!']);
  });
});

describe('miniAppSrc: only this server’s Mini App, signed', () => {
  const user = { id: 1002, first_name: 'Rina', language_code: 'id' };
  const now = 1_765_100_000_000;

  it('puts the signed initData, version, platform and theme in the fragment, on the page’s own origin', () => {
    const src = miniAppSrc('http://localhost:8080/app/?x=1', 'http://127.0.0.1:8080', user, TOKEN, now)!;
    const u = new URL(src);
    expect(`${u.origin}${u.pathname}${u.search}`).toBe('http://127.0.0.1:8080/app/?x=1');
    const frag = new URLSearchParams(u.hash.slice(1));
    expect(frag.get('tgWebAppVersion')).toBe('8.0');
    expect(frag.get('tgWebAppPlatform')).toBe('web');
    expect(JSON.parse(frag.get('tgWebAppThemeParams')!)).toEqual(LIGHT_THEME);
    expect(checkInitData(frag.get('tgWebAppData'), TOKEN, now / 1000)).toEqual({
      ok: true, user: { id: 1002, firstName: 'Rina', languageCode: 'id' }, authDate: Math.floor(now / 1000),
    });
    expect(checkInitData(frag.get('tgWebAppData'), '654321:another-token', now / 1000)).toEqual({ ok: false, reason: 'forged' });
  });

  it('refuses another port, host, scheme or path, and a URL with credentials', () => {
    for (const url of [
      'http://localhost:8081/app/', 'http://example.org:8080/app/', 'https://localhost:8080/app/', 'http://localhost:8080/api/send',
      'http://localhost:8080/app', 'http://localhost:8080/app/../api/events', 'http://u:p@localhost:8080/app/', 'not a url', 42,
    ]) {
      expect(miniAppSrc(url, 'http://localhost:8080', user, TOKEN, now), String(url)).toBeUndefined();
    }
  });
});

describe('POST /api/webapp', () => {
  const sim = new TelegramSim();
  const clock = new PlaygroundClock();
  let web: { url: string; close(): Promise<void> };
  let port: number;

  beforeAll(async () => {
    const pg: PlaygroundView = {
      sim, clock, lang: 'en', busy: undefined, onBusy: () => () => true, touched: () => undefined,
      setLang: async () => undefined, reset: async () => undefined, travel: async () => ({ messages: 0 }),
    };
    web = await startWebServer(pg, 0, pino({ level: 'silent' }), { botToken: TOKEN });
    port = Number(new URL(web.url).port);
    sim.setUser(1002, { firstName: 'Rina', languageCode: 'id' });
  });
  afterAll(async () => {
    await web?.close();
  });

  const open = (body: unknown, contentType = 'application/json') =>
    fetch(`http://127.0.0.1:${port}/api/webapp`, { method: 'POST', headers: { 'content-type': contentType }, body: JSON.stringify(body) });

  it('answers the iframe’s src, signed for the user as the simulator knows them, by the playground’s clock', async () => {
    clock.jumpTo(Date.now() + 3 * 86_400_000);
    const res = await open({ user: 1002, url: `http://localhost:${port}/app/` });
    expect(res.status).toBe(200);
    const { src } = (await res.json()) as { src: string };
    expect(src.startsWith(`http://127.0.0.1:${port}/app/#tgWebAppData=`)).toBe(true);
    const initData = new URLSearchParams(new URL(src).hash.slice(1)).get('tgWebAppData');
    const check = checkInitData(initData, TOKEN, clock.nowMs() / 1000);
    expect(check).toMatchObject({ ok: true, user: { id: 1002, firstName: 'Rina', languageCode: 'id' } });
    // dated by the playground's clock, not the real one: stale by the real clock
    expect(checkInitData(initData, TOKEN, Date.now() / 1000)).toEqual({ ok: false, reason: 'stale' });
  });

  it('a user the simulator has not met yet: their seeded name and the page’s language', async () => {
    const { src } = (await (await open({ user: 1003, url: `http://127.0.0.1:${port}/app/` })).json()) as { src: string };
    const check = checkInitData(new URLSearchParams(new URL(src).hash.slice(1)).get('tgWebAppData'), TOKEN, clock.nowMs() / 1000);
    expect(check).toMatchObject({ ok: true, user: { id: 1003, firstName: 'Budi', languageCode: 'en' } });
  });

  it('refuses another URL, an unknown user, a body that is not JSON', async () => {
    expect((await open({ user: 1002, url: 'https://example.org/app/' })).status).toBe(400);
    expect((await open({ user: 1002, url: `http://localhost:${port}/api/send` })).status).toBe(400);
    expect((await open({ user: 1002, url: `http://localhost:${port + 1}/app/` })).status).toBe(400);
    expect((await open({ user: 4242, url: `http://localhost:${port}/app/` })).status).toBe(400);
    expect((await open({ user: 1002, url: `http://localhost:${port}/app/` }, 'text/plain')).status).toBe(400);
  });

  it('the snapshot tells each user’s Mini App button; a change sends a new one; the page may frame its own origin', async () => {
    const res = await fetch(`http://127.0.0.1:${port}/api/events`);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    const next = async (): Promise<{ type: string; menuButtons?: Record<string, unknown> }> => {
      for (;;) {
        const end = buffer.indexOf('\n\n');
        if (end >= 0) {
          const chunk = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = chunk.split('\n').find((l) => l.startsWith('data:'));
          if (data) return JSON.parse(data.slice(5)) as { type: string };
          continue;
        }
        const { value, done } = await reader.read();
        if (done) throw new Error('stream ended');
        buffer += decoder.decode(value, { stream: true });
      }
    };
    expect((await next()).menuButtons).toEqual({ 1003: null, 1002: null, 1001: null });
    sim.call('setChatMenuButton', { chat_id: 1002, menu_button: webApp('📊 Dasbor', `http://localhost:${port}/app/`) });
    const state = await next();
    expect(state.type).toBe('state');
    expect(state.menuButtons).toEqual({ 1003: null, 1002: { text: '📊 Dasbor', url: `http://localhost:${port}/app/` }, 1001: null });
    await reader.cancel();

    const page = await fetch(`http://127.0.0.1:${port}/`);
    expect(page.headers.get('content-security-policy')).toContain("frame-src 'self'");
    await page.arrayBuffer();
  });
});
