// Where the dashboard is opened from, when a deployment serves it (DASHBOARD_URL): a supervisor's
// and an admin's chat menu button ("Dasbor", in their language), set through the outbox with their
// ☰ list and following every change of role; a worker's stays Telegram's default (their list of
// commands); /tim offers "📊 Buka dasbor". Start-up queues the buttons once per URL.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, buttons, Harness, team } from '../support/bot-harness.ts';
import { orgButton } from '../../src/bot/features/organisation/org-action.ts';
import { queueMenusOnce } from '../../src/outbox/menu-backfill.ts';
import type { Addressed, Outbox } from '../../src/store/outbox-messages.ts';

const URL_ = 'https://pendamping.example.org/app/';
const SUP = 5401;
const W = 6401;

let h: Harness;
let orgId: string;
beforeEach(async () => {
  h = await Harness.start({ dashboardUrl: URL_ });
  await h.say('/start', { user: ADMIN, firstName: 'Ani' });
  orgId = await team(h, { supervisor: { id: SUP, name: 'Rina', languageCode: 'en' }, workers: [{ id: W, name: 'Budi' }] });
});
afterEach(async () => {
  await h.stop();
});

describe('the dashboard\'s menu button', () => {
  it('opens the dashboard for supervisors and admins, in their language; a worker keeps the ☰ commands', async () => {
    expect(h.fake.menuButton(SUP)).toEqual({ type: 'web_app', text: 'Dashboard', web_app: { url: URL_ } });
    expect(h.fake.menuButton(ADMIN)).toEqual({ type: 'web_app', text: 'Dasbor', web_app: { url: URL_ } });
    expect(h.fake.menuButton(W)).toEqual({ type: 'commands' });
    // promoted, then made a worker again
    await h.say('/lembaga');
    await h.press(h.last(ADMIN).message_id, orgButton(orgId, { op: 'member-role', userId: W, role: 'supervisor' }), ADMIN);
    expect(h.fake.menuButton(W)).toMatchObject({ type: 'web_app' });
    await h.press(h.last(ADMIN).message_id, orgButton(orgId, { op: 'member-role', userId: W, role: 'worker' }), ADMIN);
    expect(h.fake.menuButton(W)).toEqual({ type: 'commands' });
  });

  it('/tim offers it under the team list', async () => {
    const [list] = await h.say('/tim', { user: SUP });
    const rows = (list!.reply_markup as { inline_keyboard: { text: string; web_app?: { url: string } }[][] }).inline_keyboard;
    expect(rows.at(-1)).toEqual([{ text: '📊 Open dashboard', web_app: { url: URL_ } }]);
    expect(buttons(list).every((b) => b.text.length <= 24)).toBe(true);
  });

  it('start-up queues the supervisors\' and admins\' buttons once per dashboard URL', async () => {
    const sent: Addressed[] = [];
    const outbox: Outbox = { send: async (m) => void sent.push(...m) };
    await h.redis.del(h.keys.menusQueued);
    expect(await queueMenusOnce(h.redis, h.keys, outbox, undefined, URL_)).toBe(2);
    expect(await queueMenusOnce(h.redis, h.keys, outbox, undefined, URL_)).toBe(0);
    // moved: queued again, under new job ids (the first ones' guards would swallow them)
    expect(await queueMenusOnce(h.redis, h.keys, outbox, undefined, 'https://elsewhere.example.org/app/')).toBe(2);
    expect(new Set(sent.map((s) => s.jobId)).size).toBe(4);
    expect(sent.map((s) => s.message.to).sort()).toEqual([ADMIN, ADMIN, SUP, SUP].sort());
    // no longer served: the buttons go back to the ☰ list, once
    expect(await queueMenusOnce(h.redis, h.keys, outbox, undefined, undefined)).toBe(2);
    expect(sent.slice(4).map((s) => s.message)).toEqual(expect.arrayContaining([{ kind: 'commands', to: SUP, resetMenuButton: true }]));
    expect(await queueMenusOnce(h.redis, h.keys, outbox, undefined, undefined)).toBe(0);
  });

  it('turned off, a supervisor\'s button opens the ☰ list again', async () => {
    expect(h.fake.menuButton(SUP)).toMatchObject({ type: 'web_app' });
    await h.redis.del(h.keys.menusQueued);
    await h.redis.set(h.keys.menusQueued, `dashboard ${URL_}`);
    const off = await Harness.start({ prefix: h.prefix, fake: h.fake });
    try {
      await queueMenusOnce(off.redis, off.keys, off.outbox, undefined, undefined);
      expect(h.fake.menuButton(SUP)).toEqual({ type: 'commands' });
      expect(h.fake.menuButton(ADMIN)).toEqual({ type: 'commands' });
    } finally {
      await off.detach();
    }
  });
});
