// The membership rules as pure functions (src/org/membership-rules.ts, src/org/invitations.ts): each
// case gives an organisation as read, asks for a change, and checks the writes, the schedulers to
// sync and the audit entry — no Redis, no bot. Then OrgStore.apply: a rule's writes become the same
// pipeline commands as the store's own methods.
import type { ChainableCommander } from 'ioredis';
import { describe, expect, it } from 'vitest';
import {
  changeRole,
  deleteOwnMembership,
  foundOrg,
  isLastAdmin,
  joinWith,
  leaveOrg,
  removeByAdmin,
  removeMember,
  revokeLinksOf,
  setSuspended,
  toggleSupervisor,
  workersOf,
  type OrgMembers,
  type OrgWrite,
} from '../../src/org/membership-rules.ts';
import { adminInvite, INVITE_KINDS, inviteIdOf, liveInvites, makeInvite, ownInvite, ownLinkLapsed, revokeInvite } from '../../src/org/invitations.ts';
import { OrgStore } from '../../src/org/org-store.ts';
import { createKeys } from '../../src/store/keys.ts';
import type { Invite, Member, Role } from '../../src/store/org-records.ts';
import { DataCipher } from '../../src/store/crypto.ts';
import { randomBytes } from 'node:crypto';

const ADMIN = 1;
const ADMIN2 = 2;
const SUP = 10;
const SUP2 = 11;
const W1 = 100;
const W2 = 101;

function member(userId: number, role: Role, supervisors: number[] = [], extra: Partial<Member> = {}): Member {
  return { userId, name: `u${userId}`, role, joinedAt: '2024-01-01T00:00:00.000Z', supervisors, ...extra };
}

function invite(id: string, extra: Partial<Invite> = {}): Invite {
  return { id, role: 'worker', createdBy: SUP, createdAt: '2024-01-01T00:00:00.000Z', expiresAt: '2024-02-01T00:00:00.000Z', maxUses: null, uses: 0, revoked: false, ...extra };
}

/** An admin, two supervisors; W1 supervised by SUP and SUP2, W2 by SUP; SUP's own link, and a revoked one. */
function team(): OrgMembers {
  const ms = [member(ADMIN, 'admin'), member(SUP, 'supervisor'), member(SUP2, 'supervisor'), member(W1, 'worker', [SUP, SUP2]), member(W2, 'worker', [SUP])];
  return {
    members: Object.fromEntries(ms.map((m) => [m.userId, m])),
    invites: {
      own: invite('own', { assignTo: SUP }),
      old: invite('old', { assignTo: SUP, revoked: true }),
      other: invite('other', { assignTo: SUP2, createdBy: SUP2 }),
      plain: invite('plain', { createdBy: ADMIN, role: 'supervisor', maxUses: 1 }),
    },
  };
}

const m = (view: OrgMembers, id: number) => view.members[id]!;
const NOW = '2024-05-01T00:00:00.000Z';

describe('changing a role', () => {
  it('a worker promoted to supervisor leaves their supervisors (sets and record alike)', () => {
    const view = team();
    const change = changeRole(view, ADMIN, m(view, W1), 'supervisor');
    expect(change).toEqual({
      writes: [
        { op: 'unassign', worker: W1, supervisor: SUP },
        { op: 'unassign', worker: W1, supervisor: SUP2 },
        { op: 'set-role', member: { ...m(view, W1), supervisors: [] }, role: 'supervisor' },
      ],
      sync: [SUP, SUP2, W1],
      // their ☰ Menu follows the new role
      menu: [W1],
      audit: { action: 'role-changed', detail: { user: String(W1), from: 'worker', to: 'supervisor' } },
    });
  });

  it('a supervisor made a worker no longer supervises anyone, and their own live links are revoked', () => {
    const view = team();
    const change = changeRole(view, ADMIN, m(view, SUP), 'worker');
    expect(change).toEqual({
      writes: [
        { op: 'set-role', member: m(view, SUP), role: 'worker' },
        { op: 'unassign', worker: W1, supervisor: SUP },
        { op: 'put-member', member: { ...m(view, W1), supervisors: [SUP2] } },
        { op: 'unassign', worker: W2, supervisor: SUP },
        { op: 'put-member', member: { ...m(view, W2), supervisors: [] } },
        { op: 'put-invite', invite: { ...view.invites.own, revoked: true } },
      ],
      sync: [SUP],
      menu: [SUP],
      audit: { action: 'role-changed', detail: { user: String(SUP), from: 'supervisor', to: 'worker' } },
    });
  });

  it('an admin made a supervisor: the links they made as admin stop (one could make another admin)', () => {
    const view = team();
    view.members[ADMIN2] = member(ADMIN2, 'admin');
    const change = changeRole(view, ADMIN2, m(view, ADMIN), 'supervisor');
    expect(change).toMatchObject({
      writes: [
        { op: 'set-role', member: m(view, ADMIN), role: 'supervisor' },
        { op: 'put-invite', invite: { ...view.invites.plain, revoked: true } },
      ],
    });
  });

  it('a supervisor made an admin keeps their workers and links', () => {
    const view = team();
    const change = changeRole(view, ADMIN, m(view, SUP), 'admin');
    expect(change).toMatchObject({ writes: [{ op: 'set-role', member: m(view, SUP), role: 'admin' }], sync: [SUP] });
  });

  it('refuses the admin changing their own role, and a role that is none', () => {
    const view = team();
    expect(changeRole(view, ADMIN, m(view, ADMIN), 'worker')).toEqual({ refused: 'self' });
    expect(changeRole(view, ADMIN, m(view, W1), 'boss')).toEqual({ refused: 'unknown-role' });
    expect(changeRole(view, ADMIN, m(view, W1), '')).toEqual({ refused: 'unknown-role' });
  });
});

describe('assigning supervisors', () => {
  it('adds a supervisor not yet assigned', () => {
    const view = team();
    const change = toggleSupervisor(view, m(view, W2), SUP2);
    expect(change).toEqual({
      added: true,
      supervisor: m(view, SUP2),
      writes: [
        { op: 'assign', worker: W2, supervisor: SUP2 },
        { op: 'put-member', member: { ...m(view, W2), supervisors: [SUP, SUP2] } },
      ],
      sync: [SUP2],
      audit: { action: 'supervisor-assigned', detail: { worker: String(W2), supervisor: String(SUP2) } },
    });
  });

  it('takes an assigned supervisor off again', () => {
    const view = team();
    const change = toggleSupervisor(view, m(view, W1), SUP);
    expect(change).toEqual({
      added: false,
      supervisor: m(view, SUP),
      writes: [
        { op: 'unassign', worker: W1, supervisor: SUP },
        { op: 'put-member', member: { ...m(view, W1), supervisors: [SUP2] } },
      ],
      sync: [SUP],
      audit: { action: 'supervisor-unassigned', detail: { worker: String(W1), supervisor: String(SUP) } },
    });
  });

  it('an admin may supervise; a worker, or someone not a member, may not', () => {
    const view = team();
    expect(toggleSupervisor(view, m(view, W1), ADMIN)).toMatchObject({ added: true });
    expect(toggleSupervisor(view, m(view, W1), W2)).toEqual({ refused: 'not-a-supervisor' });
    expect(toggleSupervisor(view, m(view, W1), 999)).toEqual({ refused: 'not-a-supervisor' });
    expect(toggleSupervisor(view, m(view, W1), Number(undefined))).toEqual({ refused: 'not-a-supervisor' });
  });
});

describe('suspension', () => {
  it('suspends, and lifts it, each once', () => {
    const view = team();
    expect(setSuspended(view, ADMIN, m(view, W1), true)).toEqual({
      writes: [{ op: 'suspend', member: m(view, W1), on: true, workers: [] }],
      // their reminders stop (and come back when it is lifted): their schedulers follow
      sync: [W1],
      // the ☰ menu follows: a suspended member has the default one
      menu: [W1],
      audit: { action: 'member-suspended', detail: { user: String(W1) } },
    });
    const suspended = { ...m(view, W1), suspended: true };
    expect(setSuspended(view, ADMIN, suspended, true)).toEqual({ refused: 'same' });
    expect(setSuspended(view, ADMIN, suspended, false)).toEqual({
      writes: [{ op: 'suspend', member: suspended, on: false, workers: [] }],
      sync: [W1],
      menu: [W1],
      audit: { action: 'member-resumed', detail: { user: String(W1) } },
    });
    expect(setSuspended(view, ADMIN, m(view, W1), false)).toEqual({ refused: 'same' });
  });

  it('a supervisor suspended: their workers stop sending them anything, and start again when it is lifted', () => {
    const view = team();
    expect(setSuspended(view, ADMIN, m(view, SUP), true)).toMatchObject({ writes: [{ op: 'suspend', member: m(view, SUP), on: true, workers: [W1, W2] }] });
    // assigned while suspended: marked suspended in the worker's keys too
    const sus = { ...m(view, SUP2), suspended: true };
    view.members[SUP2] = sus;
    expect(toggleSupervisor(view, m(view, W2), SUP2)).toMatchObject({ writes: [{ op: 'assign', worker: W2, supervisor: SUP2, suspended: true }, { op: 'put-member' }] });
    expect(joinWith(view, invite('x', { assignTo: SUP2 }), { userId: 7, name: 'Budi' }, NOW).writes).toContainEqual({ op: 'assign', worker: 7, supervisor: SUP2, suspended: true });
  });

  it('an admin does not suspend themselves', () => {
    expect(setSuspended(team(), ADMIN, m(team(), ADMIN), true)).toEqual({ refused: 'self' });
  });
});

describe('the removal cascade', () => {
  it('a supervisor removed: their workers lose them, their live links stop, the digests follow', () => {
    const view = team();
    const change = removeByAdmin(view, ADMIN, m(view, SUP), 0, NOW);
    expect(change).toEqual({
      writes: [
        { op: 'remove-member', userId: SUP, supervisors: [], workers: [W1, W2] },
        { op: 'put-member', member: { ...m(view, W1), supervisors: [SUP2] } },
        { op: 'put-member', member: { ...m(view, W2), supervisors: [] } },
        { op: 'put-invite', invite: { ...view.invites.own, revoked: true } },
        { op: 'put-former', userId: SUP, at: NOW },
      ],
      // the supervisor's own digest ends
      sync: [SUP],
      menu: [SUP],
      audit: { action: 'member-removed', detail: { user: String(SUP), role: 'supervisor', cases: '0' } },
    });
  });

  it('a worker removed: their supervisors lose a worker, their cases are listed for the admins, they are remembered', () => {
    const view = team();
    expect(removeByAdmin(view, ADMIN, m(view, W1), 2, NOW)).toEqual({
      writes: [
        { op: 'remove-member', userId: W1, supervisors: [SUP, SUP2], workers: [] },
        { op: 'put-former', userId: W1, at: NOW },
        { op: 'put-departed', departed: { userId: W1, at: NOW, cases: 2, name: 'u100' } },
      ],
      // (the worker's own: the cases they leave stop reminding them)
      sync: [SUP, SUP2, W1],
      menu: [W1],
      audit: { action: 'member-removed', detail: { user: String(W1), role: 'worker', cases: '2' } },
    });
  });

  it('an admin removed: every link they made stops, whoever it was for', () => {
    const view = team();
    view.members[ADMIN2] = member(ADMIN2, 'admin');
    const writes = (removeByAdmin(view, ADMIN2, m(view, ADMIN), 0, NOW) as { writes: OrgWrite[] }).writes;
    expect(writes).toContainEqual({ op: 'put-invite', invite: { ...view.invites.plain, revoked: true } });
    expect(writes).toContainEqual({ op: 'put-former', userId: ADMIN, at: NOW });
  });

  it('an admin does not remove themselves', () => {
    expect(removeByAdmin(team(), ADMIN, m(team(), ADMIN), 0, NOW)).toEqual({ refused: 'self' });
  });

  it('leaving (/keluar) is the same cascade, with the supervisors the member’s own keys name', () => {
    const view = team();
    const left = leaveOrg(view, { userId: SUP, supervisors: [], cases: 0 }, NOW);
    expect(left).toEqual(removeMember(view, { userId: SUP, supervisors: [], cases: 0 }, { action: 'left', detail: { user: String(SUP), cases: '0' } }, NOW));
    // the same writes and schedulers as the admin's removal of them; only the audit differs
    const removed = removeByAdmin(view, ADMIN, m(view, SUP), 0, NOW);
    expect({ ...left, audit: undefined }).toEqual({ ...removed, audit: undefined });
    expect(left).toMatchObject({ audit: { action: 'left', detail: { user: String(SUP) } } });
    expect(leaveOrg(view, { userId: W2, supervisors: [SUP], cases: 1 }, NOW)).toEqual({
      writes: [
        { op: 'remove-member', userId: W2, supervisors: [SUP], workers: [] },
        { op: 'put-former', userId: W2, at: NOW },
        { op: 'put-departed', departed: { userId: W2, at: NOW, cases: 1, name: 'u101' } },
      ],
      sync: [SUP, W2],
      menu: [W2],
      audit: { action: 'left', detail: { user: String(W2), cases: '1' } },
    });
  });

  it('deleting one’s own data (/hapus_data_saya) leaves as /keluar does, and records the cases left', () => {
    const view = team();
    expect(deleteOwnMembership(view, { userId: W1, supervisors: [SUP, SUP2], cases: 3 }, '2024-05-01T00:00:00.000Z')).toEqual({
      writes: [
        { op: 'remove-member', userId: W1, supervisors: [SUP, SUP2], workers: [] },
        { op: 'put-former', userId: W1, at: '2024-05-01T00:00:00.000Z' },
        { op: 'put-departed', departed: { userId: W1, at: '2024-05-01T00:00:00.000Z', cases: 3 } },
      ],
      sync: [SUP, SUP2, W1],
      menu: [W1],
      audit: { action: 'own-data-deleted', detail: { user: String(W1), cases: '3' } },
    });
    const none = deleteOwnMembership(view, { userId: SUP, supervisors: [], cases: 0 }, '2024-05-01T00:00:00.000Z');
    expect(none).toMatchObject({ sync: [SUP], audit: { action: 'own-data-deleted', detail: { user: String(SUP), cases: '0' } } });
    expect((none as { writes: OrgWrite[] }).writes.map((w) => w.op)).toEqual(['remove-member', 'put-member', 'put-member', 'put-invite', 'put-former']);
  });

  it('the last admin can neither leave nor delete their data; one of two admins can', () => {
    const view = team();
    const admin = { userId: ADMIN, supervisors: [], cases: 0 };
    expect(isLastAdmin(view, ADMIN)).toBe(true);
    expect(isLastAdmin(view, SUP)).toBe(false);
    expect(leaveOrg(view, admin, NOW)).toEqual({ refused: 'last-admin' });
    expect(deleteOwnMembership(view, admin, '2024-05-01T00:00:00.000Z')).toEqual({ refused: 'last-admin' });
    view.members[ADMIN2] = member(ADMIN2, 'admin');
    expect(isLastAdmin(view, ADMIN)).toBe(false);
    expect(leaveOrg(view, admin, NOW)).toMatchObject({ audit: { action: 'left' } });
  });

  it('a person’s links: own (assigning to them), made (as admin), or all', () => {
    const view = team();
    expect(revokeLinksOf(view, SUP, 'own')).toEqual([{ op: 'put-invite', invite: { ...view.invites.own, revoked: true } }]);
    expect(revokeLinksOf(view, SUP, 'made')).toEqual([]);
    expect(revokeLinksOf(view, ADMIN, 'made')).toEqual([{ op: 'put-invite', invite: { ...view.invites.plain, revoked: true } }]);
    expect(revokeLinksOf(view, W1, 'all')).toEqual([]);
    expect(workersOf(view, SUP).map((w) => w.userId)).toEqual([W1, W2]);
  });
});

describe('founding and joining', () => {
  it('the organisation is made with its maker its admin', () => {
    const change = foundOrg('org1', 'x'.repeat(100), { userId: ADMIN, name: 'Ani' }, '2024-01-01T00:00:00.000Z');
    const org = { id: 'org1', name: 'x'.repeat(80), createdAt: '2024-01-01T00:00:00.000Z', createdBy: ADMIN };
    expect(change).toEqual({
      org,
      writes: [
        { op: 'put-org', org },
        { op: 'put-member', member: { userId: ADMIN, name: 'Ani', role: 'admin', joinedAt: '2024-01-01T00:00:00.000Z', supervisors: [] }, join: true },
      ],
      sync: [],
      menu: [ADMIN],
      audit: { action: 'org-created', detail: { orgId: 'org1' } },
    });
  });

  it('joining with an admin’s link: its role, no supervisor', () => {
    const change = joinWith(team(), invite('a', { role: 'supervisor' }), { userId: 7, name: 'Budi' }, '2024-03-01T00:00:00.000Z');
    const me = { userId: 7, name: 'Budi', role: 'supervisor', joinedAt: '2024-03-01T00:00:00.000Z', supervisors: [] };
    expect(change).toEqual({ member: me, writes: [{ op: 'put-member', member: me, join: true }], sync: [], menu: [7], audit: { action: 'joined', detail: { user: '7', role: 'supervisor' } } });
  });

  it('joining or founding while a note is being written adds the organisation without moving the user there', () => {
    const joined = joinWith(team(), invite('a', { role: 'supervisor' }), { userId: 7, name: 'Budi' }, '2024-03-01T00:00:00.000Z', false);
    expect(joined.writes).toEqual([{ op: 'put-member', member: joined.member }]);
    const founded = foundOrg('org2', 'IPWL', { userId: ADMIN, name: 'Ani' }, '2024-03-01T00:00:00.000Z', false);
    expect(founded.writes[1]).toEqual({ op: 'put-member', member: expect.objectContaining({ userId: ADMIN, role: 'admin' }) });
    expect(founded.writes[1]).not.toHaveProperty('join');
  });

  it('joining with a supervisor’s own link: their worker, and their digest follows', () => {
    const change = joinWith(team(), invite('a', { assignTo: SUP }), { userId: 7, name: 'Budi' }, '2024-03-01T00:00:00.000Z');
    expect(change.writes).toEqual([
      { op: 'put-member', member: { userId: 7, name: 'Budi', role: 'worker', joinedAt: '2024-03-01T00:00:00.000Z', supervisors: [SUP] }, join: true },
      { op: 'assign', worker: 7, supervisor: SUP },
    ]);
    expect(change.sync).toEqual([SUP]);
    expect(change.audit).toEqual({ action: 'joined', detail: { user: '7', role: 'worker', supervisor: String(SUP) } });
  });

  it('a supervisor’s own link lapses when they no longer supervise (demoted or gone)', () => {
    const view = team();
    expect(ownLinkLapsed(view, 'own')).toBe(false);
    expect(ownLinkLapsed(view, 'plain')).toBe(false);
    expect(ownLinkLapsed(view, 'nope')).toBe(false);
    expect(ownLinkLapsed(undefined, 'own')).toBe(false);
    view.members[SUP] = member(SUP, 'worker');
    expect(ownLinkLapsed(view, 'own')).toBe(true);
    delete view.members[SUP2];
    expect(ownLinkLapsed(view, 'other')).toBe(true);
  });
});

describe('invitations', () => {
  const NOW = new Date('2024-06-10T05:00:00.000Z');

  it('an admin’s single-use link: one use, a week', () => {
    const change = adminInvite('abcdefghijkl', 'supervisor', 's', ADMIN, NOW);
    expect(change).toEqual({
      terms: INVITE_KINDS.s,
      invite: {
        id: inviteIdOf('abcdefghijkl'),
        role: 'supervisor',
        createdBy: ADMIN,
        createdAt: '2024-06-10T05:00:00.000Z',
        expiresAt: '2024-06-17T05:00:00.000Z',
        maxUses: 1,
        uses: 0,
        revoked: false,
      },
      writes: [{ op: 'put-invite', invite: (change as { invite: Invite }).invite }],
      sync: [],
      audit: { action: 'invite-created', detail: { role: 'supervisor', invite: inviteIdOf('abcdefghijkl').slice(0, 6) } },
    });
    expect(Object.keys((change as { invite: Invite }).invite)).not.toContain('assignTo');
    // only the hash is kept: nothing stored or audited opens the link
    expect(JSON.stringify(change)).not.toContain('abcdefghijkl');
    expect(inviteIdOf('abcdefghijkl')).toMatch(/^[0-9a-f]{16}$/);
  });

  it('an admin’s multi-use link: anyone, a month', () => {
    const change = adminInvite('abcdefghijkl', 'worker', 'm', ADMIN, NOW);
    expect(change).toMatchObject({ invite: { maxUses: null, expiresAt: '2024-07-10T05:00:00.000Z', role: 'worker' }, terms: { maxUses: null, days: 30 } });
  });

  it('refuses a role or kind that is none', () => {
    expect(adminInvite('s', 'boss', 's', ADMIN, NOW)).toEqual({ refused: 'unknown-role' });
    expect(adminInvite('s', 'worker', 'x', ADMIN, NOW)).toEqual({ refused: 'unknown-kind' });
    expect(adminInvite('s', 'worker', 'toString', ADMIN, NOW)).toEqual({ refused: 'unknown-kind' });
  });

  it('a supervisor’s own link (/undang): workers, anyone, a month, assigned to them', () => {
    const change = ownInvite('zyxwvutsrqpo', SUP, NOW);
    expect(change.invite).toEqual({
      id: inviteIdOf('zyxwvutsrqpo'),
      role: 'worker',
      createdBy: SUP,
      createdAt: '2024-06-10T05:00:00.000Z',
      expiresAt: '2024-07-10T05:00:00.000Z',
      maxUses: null,
      uses: 0,
      revoked: false,
      assignTo: SUP,
    });
    expect(change.audit).toEqual({ action: 'invite-created', detail: { role: 'worker', assignTo: String(SUP), invite: inviteIdOf('zyxwvutsrqpo').slice(0, 6) } });
    // the one builder: the same as asked for directly
    expect(change).toEqual(makeInvite({ secret: 'zyxwvutsrqpo', role: 'worker', by: SUP, now: NOW, terms: { maxUses: null, days: 30 }, assignTo: SUP }));
  });

  it('revokes a known link; an unknown one is refused', () => {
    const view = team();
    expect(revokeInvite(view, 'plain')).toEqual({
      invite: view.invites.plain,
      writes: [{ op: 'put-invite', invite: { ...view.invites.plain, revoked: true } }],
      sync: [],
      audit: { action: 'invite-revoked', detail: { role: 'supervisor', invite: 'plain' } },
    });
    expect(revokeInvite(view, 'nope')).toEqual({ refused: 'unknown' });
    expect(revokeInvite(view, undefined)).toEqual({ refused: 'unknown' });
    expect(revokeInvite(view, 'toString')).toEqual({ refused: 'unknown' });
  });

  it('live links: not revoked, not expired, not used up', () => {
    const view = team();
    view.invites.used = invite('used', { maxUses: 1, uses: 1 });
    view.invites.expired = invite('expired', { expiresAt: '2024-01-15T00:00:00.000Z' });
    expect(liveInvites(view, '2024-01-20T00:00:00.000Z').map((i) => i.id)).toEqual(['own', 'other', 'plain']);
  });
});

describe('OrgStore.apply', () => {
  /** A pipeline that records the commands queued on it. */
  function recorder(): { p: ChainableCommander; calls: unknown[][] } {
    const calls: unknown[][] = [];
    const p = new Proxy({}, { get: (_t, name) => (...args: unknown[]) => (calls.push([name, ...args]), p) }) as ChainableCommander;
    return { p, calls };
  }

  it('queues each write as the store’s own method does, in order', () => {
    const cipher = new DataCipher([randomBytes(32)]);
    const store = new OrgStore(undefined as never, createKeys('t:'), cipher);
    const view = team();
    const w1 = m(view, W1);
    const writes: OrgWrite[] = [
      { op: 'put-org', org: { id: 'o', name: 'O', createdAt: 'x', createdBy: ADMIN } },
      { op: 'put-member', member: w1 },
      { op: 'set-role', member: w1, role: 'supervisor' },
      { op: 'assign', worker: W1, supervisor: SUP },
      { op: 'unassign', worker: W1, supervisor: SUP },
      { op: 'remove-member', userId: SUP, supervisors: [ADMIN], workers: [W1, W2] },
      { op: 'put-invite', invite: view.invites.own! },
      { op: 'assign', worker: W2, supervisor: SUP2, suspended: true },
      { op: 'suspend', member: w1, on: true, workers: [W2] },
      { op: 'suspend', member: { ...w1, suspended: true }, on: false, workers: [W2] },
      { op: 'put-departed', departed: { userId: W2, at: 'y', cases: 2 } },
      { op: 'put-former', userId: W2, at: 'z' },
    ];
    const applied = recorder();
    store.apply(applied.p, 'o', writes);
    const direct = recorder();
    store.putOrg(direct.p, { id: 'o', name: 'O', createdAt: 'x', createdBy: ADMIN });
    store.putMember(direct.p, 'o', w1);
    store.setRole(direct.p, 'o', w1, 'supervisor');
    store.assign(direct.p, 'o', W1, SUP, false);
    store.unassign(direct.p, 'o', W1, SUP);
    store.removeMember(direct.p, 'o', SUP, [ADMIN], [W1, W2]);
    store.putInvite(direct.p, 'o', view.invites.own!);
    store.assign(direct.p, 'o', W2, SUP2, true);
    store.suspend(direct.p, 'o', w1, true, [W2]);
    store.suspend(direct.p, 'o', { ...w1, suspended: true }, false, [W2]);
    store.putDeparted(direct.p, 'o', { userId: W2, at: 'y', cases: 2 });
    direct.p.hset('t:{o:o}:former', String(W2), 'z');
    // members are sealed (a fresh IV each time): compared opened, where they are bound
    const opened = (calls: unknown[][]) => calls.map(([cmd, key, ...args]) =>
      cmd === 'hset' && /\}:(?:members|departed)$/.test(String(key)) ? [cmd, key, args[0], cipher.open(String(args[1]), String(key), String(args[0]))] : [cmd, key, ...args]);
    expect(opened(applied.calls)).toEqual(opened(direct.calls));
    expect(applied.calls.length).toBeGreaterThan(writes.length);
    // no staff name in clear among the writes
    expect(JSON.stringify(applied.calls)).not.toContain(w1.name);
  });
});
