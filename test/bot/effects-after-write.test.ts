// Effects after the commit: an update's one atomic write decides. What it writes beyond the user's
// own keys (another user's review state, the organisation's audit) and what it sends to other users
// is recorded by that write and applied after it — so an update that lost its compare-and-set
// writes and sends nothing, and one whose process died right after its write still has its effects
// applied, once, by the sweeper.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buttons, Harness, invitationCode, openCase } from '../support/bot-harness.ts';
import { fillNote } from '../support/note-driver.ts';
import { EffectRelay } from '../../src/store/effect-relay.ts';
import { createLogger } from '../../src/logger.ts';
import type { WorkspaceStore } from '../../src/store/workspace-store.ts';

const SUP = 5201;
const WORKER = 6201;

let h: Harness;
beforeEach(async () => {
  h = await Harness.start({ now: new Date('2025-03-14T03:00:00Z') });
});
afterEach(async () => {
  await h.stop();
});

async function teamWithNote(): Promise<string> {
  await h.say('/lembaga');
  await h.say('Bapas Kelas I Bandung');
  await h.say('/lembaga');
  await h.tap('Undangan baru');
  const [made] = await h.tap('Supervisor · 1 orang');
  await h.say(`/start ${invitationCode(made)}`, { user: SUP, firstName: 'Rina' });
  const [own] = await h.say('/undang', { user: SUP });
  await h.say(`/start ${invitationCode(own)}`, { user: WORKER, firstName: 'Budi' });
  const caseId = await openCase(h, 'Si', 'Zastrow', WORKER);
  await h.say('/catat', { user: WORKER });
  await h.tap('Si (42)', WORKER);
  await fillNote(h, { user: WORKER });
  await h.tap('Simpan', WORKER);
  return caseId;
}

async function auditActions(): Promise<string[]> {
  const orgId = (await h.workspace(SUP)).membership!.orgId;
  const entries = await h.redis.xrange(h.keys.audit(orgId), '-', '+');
  return entries.map(([, fields]) => fields[fields.indexOf('action') + 1]!);
}

describe('effects after the write', () => {
  it('an approval that lost its compare-and-set changes no review, writes no audit and tells nobody', async () => {
    const caseId = await teamWithNote();
    const toWorker = h.fake.messages(WORKER).length;
    const summary = h.fake.lastMessage(SUP)!;
    const approve = buttons(summary).find((b) => b.text.includes('Setujui'))!;
    // another instance writes the supervisor's session between this update's read and its write
    const commit = h.store.commit.bind(h.store);
    let raced = false;
    h.store.commit = async (userId, rev, changes) => {
      if (userId === SUP && !raced) {
        raced = true;
        await h.redis.hincrby(h.keys.session(SUP), 'rev', 1);
      }
      return commit(userId, rev, changes);
    };
    const replies = await h.tap('Setujui', SUP);
    expect(replies.at(-1)!.text).toContain('baru saja diubah dari tempat lain');
    const states = (await h.workspace(WORKER, caseId)).reviewStates!;
    expect(Object.values(states)).toEqual(['menunggu']);
    expect(h.fake.messages(WORKER)).toHaveLength(toWorker);
    expect(await auditActions()).not.toContain('note-approved');
    expect(await h.redis.llen(h.keys.effects(SUP))).toBe(0);

    // pressed again (the button stayed valid: nothing was written), it goes through: once
    await h.press(summary.message_id, approve.callback_data, SUP);
    expect(Object.values((await h.workspace(WORKER, caseId)).reviewStates!)).toEqual(['disetujui']);
    expect(h.fake.messages(WORKER).slice(toWorker).map((m) => m.text)).toEqual(['✅ Rina menyetujui catatan Si (42) (14 Maret 2025).']);
    expect((await auditActions()).filter((a) => a === 'note-approved')).toHaveLength(1);
  });

  it('a process that died after its write leaves its effects to the sweeper, which applies them once', async () => {
    const caseId = await teamWithNote();
    const toWorker = h.fake.messages(WORKER).length;
    const apply = EffectRelay.prototype.apply;
    let crashed = false;
    EffectRelay.prototype.apply = async function (this: EffectRelay, ...args: Parameters<EffectRelay['apply']>) {
      if (!crashed) {
        crashed = true;
        throw new Error('the process died here');
      }
      return apply.apply(this, args);
    };
    try {
      await h.tap('Setujui', SUP);
    } finally {
      EffectRelay.prototype.apply = apply;
    }
    // the supervisor's own answer stands; nothing else happened yet
    expect(h.fake.messages(SUP).at(-1)!.text).toContain('disetujui');
    expect(Object.values((await h.workspace(WORKER, caseId)).reviewStates!)).toEqual(['menunggu']);
    expect(h.fake.messages(WORKER)).toHaveLength(toWorker);
    expect(await h.redis.llen(h.keys.effects(SUP))).toBe(1);

    const relay = new EffectRelay(h.store as WorkspaceStore<unknown>, h.outbox);
    const log = createLogger('silent');
    expect(await relay.sweep(Date.now(), log)).toBe(0); // too young: its own process may still apply it
    expect(await relay.sweep(Date.now() + 60_000, log)).toBe(1);
    expect(await relay.sweep(Date.now() + 60_000, log)).toBe(0);
    expect(Object.values((await h.workspace(WORKER, caseId)).reviewStates!)).toEqual(['disetujui']);
    expect(h.fake.messages(WORKER).slice(toWorker)).toHaveLength(1);
    expect((await auditActions()).filter((a) => a === 'note-approved')).toHaveLength(1);
    expect(await h.redis.llen(h.keys.effects(SUP))).toBe(0);
  });

  it('an entry applied twice (a crash after applying, before dropping it) writes and sends once', async () => {
    const caseId = await teamWithNote();
    const toWorker = h.fake.messages(WORKER).length;
    const lrem = h.redis.lrem.bind(h.redis);
    let kept = false;
    // the entry is not dropped once: as if the process died right before LREM
    h.redis.lrem = (async (...args: Parameters<typeof h.redis.lrem>) => {
      if (!kept && String(args[0]).endsWith(':effects')) {
        kept = true;
        return 0;
      }
      return lrem(...args);
    }) as typeof h.redis.lrem;
    await h.tap('Beri tanggapan', SUP);
    await h.say('Mohon lebih rinci.', { user: SUP });
    h.redis.lrem = lrem;
    expect(await h.redis.llen(h.keys.effects(SUP))).toBe(1);
    const relay = new EffectRelay(h.store as WorkspaceStore<unknown>, h.outbox);
    expect(await relay.sweep(Date.now() + 60_000, createLogger('silent'))).toBe(1);
    const log = await h.redis.lrange(h.keys.reviewLog(WORKER, Object.keys((await h.workspace(WORKER, caseId)).reviewStates!)[0]!), 0, -1);
    expect(log).toHaveLength(2); // submitted, feedback — not feedback twice
    expect(h.fake.messages(WORKER).slice(toWorker)).toHaveLength(1);
    expect((await auditActions()).filter((a) => a === 'feedback')).toHaveLength(1);
  });
});
