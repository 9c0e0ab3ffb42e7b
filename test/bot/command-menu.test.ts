// The ☰ Menu by role (issue #26.19): a worker sees the default list (no admin or supervisor
// commands); a supervisor or admin their own chat's fuller list, set after the write through the
// outbox and following every change of role — joining, promotion, demotion, removal, leaving,
// switching organisation, deleting one's data. Asserted on the Bot API calls the fake recorded and
// on the menu the fake resolves for each chat, as Telegram would.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, Harness, invitationCode, team } from '../support/bot-harness.ts';
import { encode } from '../../src/telegram/callback-data.ts';
import { orgButton } from '../../src/bot/features/organisation/org-action.ts';
import { publishCommands } from '../../src/bot/commands.ts';
import { createI18n } from '../../src/bot/create-bot.ts';
import { commandNames } from '../../src/outbox/menu.ts';
import { queueMenusOnce } from '../../src/outbox/menu-backfill.ts';
import type { Addressed, Outbox } from '../../src/store/outbox-messages.ts';

const ADMIN2 = 4343;
const SUP = 5301;
const W = 6301;
const W2 = 6302;

const WORKER = ['catat', 'kasus_baru', 'kasus', 'riwayat', 'laporan', 'pengingat', 'lanjut', 'batal', 'keluar', 'bahasa', 'bantuan'];
const SUPERVISOR = ['catat', 'kasus_baru', 'kasus', 'riwayat', 'laporan', 'ekspor', 'tim', 'pengingat', 'lanjut', 'batal', 'undang', 'keluar', 'bahasa', 'bantuan'];
const ADMINS = ['catat', 'kasus_baru', 'kasus', 'riwayat', 'laporan', 'ekspor', 'tim', 'pengingat', 'lanjut', 'batal', 'lembaga', 'undang', 'keluar', 'bahasa', 'bantuan'];

let h: Harness;
let orgId: string;

/** The menu the user's chat shows, in a Telegram language. */
const menu = (user: number, lang = 'id') => h.fake.commands(lang, user).map((c) => c.command);

/** The menu calls scoped to the user's chat since `from`: method and language. */
function chatCalls(user: number, from: number): string[] {
  return h.fake.calls
    .slice(from)
    .filter((c) => (c.method === 'setMyCommands' || c.method === 'deleteMyCommands') && (c.payload['scope'] as { chat_id?: number } | undefined)?.chat_id === user)
    .map((c) => {
      expect(c.payload['scope']).toEqual({ type: 'chat', chat_id: user });
      return `${c.method} ${String(c.payload['language_code'] ?? '*')}`;
    });
}

const SET = ['setMyCommands *', 'setMyCommands id', 'setMyCommands en'];
const DELETE = ['deleteMyCommands *', 'deleteMyCommands id', 'deleteMyCommands en'];

beforeAll(async () => {
  h = await Harness.start({ adminIds: [ADMIN, ADMIN2] });
  await publishCommands(h.bot.api, createI18n());
  orgId = await team(h, { supervisor: { id: SUP, name: 'Rina' }, workers: [{ id: W, name: 'Budi' }, { id: W2, name: 'Dewi' }] });
});

afterAll(async () => {
  await h?.stop();
});

describe('the ☰ Menu by role', () => {
  it('everyone gets the worker\'s list by default, in Indonesian (any language) and English', () => {
    const defaults = h.fake.calls.filter((c) => c.method === 'setMyCommands' && c.payload['scope'] === undefined);
    expect(defaults.map((c) => c.payload['language_code'] ?? '*')).toEqual(['*', 'id', 'en']);
    for (const c of defaults) expect((c.payload['commands'] as { command: string }[]).map((x) => x.command)).toEqual(WORKER);
    expect(h.fake.commands('en').find((c) => c.command === 'catat')?.description).toBe('Record a session for a case');
  });

  it('a worker who joins gets no list of their own; the supervisor and the admin get theirs, in both languages', () => {
    expect(chatCalls(W, 0)).toEqual(DELETE);
    expect(menu(W)).toEqual(WORKER);
    expect(chatCalls(SUP, 0)).toEqual(SET);
    expect(menu(SUP)).toEqual(SUPERVISOR);
    expect(menu(SUP, 'en')).toEqual(SUPERVISOR);
    expect(h.fake.commands('en', SUP).find((c) => c.command === 'tim')?.description).not.toBe(h.fake.commands('id', SUP).find((c) => c.command === 'tim')?.description);
    // founding made the admin one
    expect(menu(ADMIN)).toEqual(ADMINS);
    expect(menu(W2, 'fr')).toEqual(WORKER);
  });

  it('promoted, the worker gets the supervisor\'s list; made a worker again, their own list goes', async () => {
    let from = h.fake.calls.length;
    await h.press(h.last(ADMIN).message_id, orgButton(orgId, { op: 'member-role', userId: W, role: 'supervisor' }), ADMIN);
    expect(chatCalls(W, from)).toEqual(SET);
    expect(menu(W)).toEqual(SUPERVISOR);
    await h.press(h.last(ADMIN).message_id, orgButton(orgId, { op: 'member-role', userId: W, role: 'admin' }), ADMIN);
    expect(menu(W)).toEqual(ADMINS);
    from = h.fake.calls.length;
    await h.press(h.last(ADMIN).message_id, orgButton(orgId, { op: 'member-role', userId: W, role: 'worker' }), ADMIN);
    expect(chatCalls(W, from)).toEqual(DELETE);
    expect(menu(W)).toEqual(WORKER);
  });

  it('removed, the supervisor\'s list is deleted; nothing else is said to them about it', async () => {
    const from = h.fake.calls.length;
    const messages = h.fake.messages(SUP).length;
    await h.press(h.last(ADMIN).message_id, encode({ kind: 'org', orgId, op: 'member-remove-yes', a: String(SUP) }), ADMIN);
    expect(chatCalls(SUP, from)).toEqual(DELETE);
    expect(menu(SUP)).toEqual(WORKER);
    expect(h.fake.messages(SUP)).toHaveLength(messages);
  });

  it('a member of several organisations has the list of the one they work in, with /lembaga to switch', async () => {
    await h.say('/lembaga', { user: ADMIN2 });
    await h.say('IPWL Sehati', { user: ADMIN2 });
    await h.say('/lembaga', { user: ADMIN2 });
    await h.tap('Undangan baru', ADMIN2);
    const [made] = await h.tap('Supervisor · 1 orang', ADMIN2);
    await h.say(`/start ${invitationCode(made)}`, { user: W2, firstName: 'Dewi' });
    // a supervisor where they work now
    expect(menu(W2)).toEqual(commandNames('supervisor', true));
    expect(menu(W2)).toContain('lembaga');
    // back to the Bapas, where they are a worker: still /lembaga, to switch again
    const from = h.fake.calls.length;
    await h.press(h.last(W2).message_id, encode({ kind: 'org-use', orgId }), W2);
    expect(chatCalls(W2, from)).toEqual(SET);
    expect(menu(W2)).toEqual([...WORKER.slice(0, 8), 'lembaga', ...WORKER.slice(8)]);
  });

  it('/keluar and /hapus_data_saya take the list back to the default', async () => {
    await h.say('/keluar', { user: W2 });
    await h.tap('Ya, keluar', W2);
    // left the Bapas: a supervisor at the IPWL, the only organisation left
    expect(menu(W2)).toEqual(SUPERVISOR);
    await h.say('/hapus_data_saya', { user: W2 });
    const from = h.fake.calls.length;
    await h.tap('Ya, hapus data saya', W2);
    expect(chatCalls(W2, from)).toEqual(DELETE);
    expect(menu(W2)).toEqual(WORKER);
  });

  it('supervisors and admins of before the menu by role get theirs once at start-up; plain workers need none', async () => {
    const sent: Addressed[] = [];
    const capture: Outbox = { send: async (messages) => void sent.push(...messages) };
    await h.redis.del(h.keys.menusQueued);
    const queued = await queueMenusOnce(h.redis, h.keys, capture);
    const to = sent.map((m) => m.message.to);
    expect(queued).toBe(to.length);
    // by now: the Bapas' admin, and the IPWL's founder (an admin there, a member of two)
    expect(to.sort()).toEqual([ADMIN, ADMIN2].sort());
    expect(to).not.toContain(W);
    expect(sent.every((m) => m.message.kind === 'commands')).toBe(true);
    // done once: a restart queues nothing
    expect(await queueMenusOnce(h.redis, h.keys, capture)).toBe(0);
    expect(sent).toHaveLength(to.length);
  });
});

