// The rules of belonging to an organisation, as pure functions: given what was read of the
// organisation, each returns the writes a change makes (OrgStore.apply turns them into Redis
// commands on the update's pipeline), the users whose reminder and digest schedulers must follow,
// and the audit entry. No Redis, no Telegram, no clock: the features ask, show and apply.
//
// One removal cascade serves the three ways out — an admin's removal, /keluar and /hapus_data_saya:
// the member's workers lose this supervisor, the supervisor's own links stop, schedulers follow.
import { ROLES, type Invite, type Member, type Org, type Role } from '../store/org-records.ts';

/** What the rules read of an organisation (an OrgView is one). */
export interface OrgMembers {
  members: Record<number, Member>;
  invites: Record<string, Invite>;
}

/** One write of a change, in the order it is applied (OrgStore.apply). */
export type OrgWrite =
  | { op: 'put-org'; org: Org }
  | { op: 'put-member'; member: Member }
  | { op: 'set-role'; member: Member; role: Role }
  | { op: 'assign'; worker: number; supervisor: number }
  | { op: 'unassign'; worker: number; supervisor: number }
  /** the membership, the member entry and the user's own sets; `supervisors`/`workers`: the others' sets to leave */
  | { op: 'remove-member'; userId: number; supervisors: number[]; workers: number[] }
  | { op: 'put-invite'; invite: Invite }
  | { op: 'suspend'; member: Member; on: boolean }
  /** a former member who left cases for an admin to move (an org-store Departed) */
  | { op: 'put-departed'; departed: { userId: number; at: string; cases: number } };

export interface OrgAudit {
  action: string;
  /** ids only: never client data */
  detail: Record<string, string>;
}

export interface OrgChange {
  writes: OrgWrite[];
  /** users whose reminder/digest schedulers must be synced after the write */
  sync: number[];
  audit: OrgAudit;
}

export interface Refusal<R extends string> {
  refused: R;
}

/** The members a user supervises. */
export function workersOf(view: OrgMembers, supervisorId: number): Member[] {
  return Object.values(view.members).filter((w) => w.supervisors.includes(supervisorId));
}

/** The only admin may not leave (nor delete their data): the organisation would have none. */
export function isLastAdmin(view: OrgMembers, userId: number): boolean {
  return view.members[userId]?.role === 'admin' && Object.values(view.members).filter((x) => x.role === 'admin').length === 1;
}

/** A supervisor's own links stop when they stop supervising (demoted or removed). */
export function revokeLinksOf(view: OrgMembers, userId: number): OrgWrite[] {
  return Object.values(view.invites)
    .filter((i) => i.assignTo === userId && !i.revoked)
    .map((i) => ({ op: 'put-invite', invite: { ...i, revoked: true } }));
}

function withoutSupervisor(w: Member, supervisorId: number): Member {
  return { ...w, supervisors: w.supervisors.filter((s) => s !== supervisorId) };
}

/** The organisation is made (its name cut to 80 characters); its maker is its admin. */
export function foundOrg(orgId: string, name: string, founder: { userId: number; name: string }, now: string): OrgChange & { org: Org } {
  const org: Org = { id: orgId, name: name.slice(0, 80), createdAt: now, createdBy: founder.userId };
  const me: Member = { userId: founder.userId, name: founder.name, role: 'admin', joinedAt: now, supervisors: [] };
  return { org, writes: [{ op: 'put-org', org }, { op: 'put-member', member: me }], sync: [], audit: { action: 'org-created', detail: { orgId } } };
}

/** Joining with an invitation just used: its role, and a supervisor's own link makes them its worker. */
export function joinWith(used: Invite, who: { userId: number; name: string }, now: string): OrgChange & { member: Member } {
  const member: Member = { userId: who.userId, name: who.name, role: used.role, joinedAt: now, supervisors: used.assignTo ? [used.assignTo] : [] };
  const writes: OrgWrite[] = [{ op: 'put-member', member }];
  if (used.assignTo) writes.push({ op: 'assign', worker: member.userId, supervisor: used.assignTo });
  return {
    member,
    writes,
    // the supervisor's digest now has a worker
    sync: used.assignTo ? [used.assignTo] : [],
    audit: { action: 'joined', detail: { user: String(member.userId), role: member.role, ...(used.assignTo ? { supervisor: String(used.assignTo) } : {}) } },
  };
}

/**
 * An admin gives a member another role. A promoted worker leaves their supervisors (only workers
 * have them); a member made a plain worker no longer supervises anyone, and their links stop.
 */
export function changeRole(view: OrgMembers, actorId: number, member: Member, role: string): OrgChange | Refusal<'unknown-role' | 'self'> {
  if (!ROLES.includes(role as Role)) return { refused: 'unknown-role' };
  if (member.userId === actorId) return { refused: 'self' };
  const to = role as Role;
  const promoted = member.role === 'worker' && to !== 'worker';
  const writes: OrgWrite[] = [];
  if (promoted) for (const s of member.supervisors) writes.push({ op: 'unassign', worker: member.userId, supervisor: s });
  writes.push({ op: 'set-role', member: { ...member, supervisors: promoted ? [] : member.supervisors }, role: to });
  if (to === 'worker') {
    for (const w of workersOf(view, member.userId)) {
      writes.push({ op: 'unassign', worker: w.userId, supervisor: member.userId });
      writes.push({ op: 'put-member', member: withoutSupervisor(w, member.userId) });
    }
    writes.push(...revokeLinksOf(view, member.userId));
  }
  return {
    writes,
    // the supervisors left lose a worker from their digest; the member's own schedule follows the role
    sync: [...(promoted ? member.supervisors : []), member.userId],
    audit: { action: 'role-changed', detail: { user: String(member.userId), from: member.role, to } },
  };
}

/** An admin assigns a supervisor (any member not a worker) to a member, or takes them off again. */
export function toggleSupervisor(view: OrgMembers, member: Member, supervisorId: number): (OrgChange & { added: boolean; supervisor: Member }) | Refusal<'not-a-supervisor'> {
  const sup = view.members[supervisorId];
  if (!sup || sup.role === 'worker') return { refused: 'not-a-supervisor' };
  const assigned = member.supervisors.includes(sup.userId);
  const supervisors = assigned ? member.supervisors.filter((s) => s !== sup.userId) : [...member.supervisors, sup.userId];
  return {
    added: !assigned,
    supervisor: sup,
    writes: [{ op: assigned ? 'unassign' : 'assign', worker: member.userId, supervisor: sup.userId }, { op: 'put-member', member: { ...member, supervisors } }],
    // the supervisor's digest follows
    sync: [sup.userId],
    audit: { action: assigned ? 'supervisor-unassigned' : 'supervisor-assigned', detail: { worker: String(member.userId), supervisor: String(sup.userId) } },
  };
}

/** Suspends a member (a lost phone) or lifts it; nothing is deleted. */
export function setSuspended(actorId: number, member: Member, on: boolean): OrgChange | Refusal<'self' | 'same'> {
  if (member.userId === actorId) return { refused: 'self' };
  if (Boolean(member.suspended) === on) return { refused: 'same' };
  return { writes: [{ op: 'suspend', member, on }], sync: [], audit: { action: on ? 'member-suspended' : 'member-resumed', detail: { user: String(member.userId) } } };
}

/**
 * The one removal cascade: the membership goes (and with it the member's own sets and the others'
 * sets naming them), their workers lose this supervisor, their own links stop. The supervisors
 * left lose a worker from their digest; a supervisor's own digest ends.
 */
export function removeMember(view: OrgMembers, who: { userId: number; supervisors: number[] }, audit: OrgAudit): OrgChange {
  const workers = workersOf(view, who.userId);
  return {
    writes: [
      { op: 'remove-member', userId: who.userId, supervisors: who.supervisors, workers: workers.map((w) => w.userId) },
      ...workers.map((w): OrgWrite => ({ op: 'put-member', member: withoutSupervisor(w, who.userId) })),
      ...revokeLinksOf(view, who.userId),
    ],
    sync: [...who.supervisors, ...(workers.length > 0 ? [who.userId] : [])],
    audit,
  };
}

/** An admin removes a member (never themselves). */
export function removeByAdmin(view: OrgMembers, actorId: number, member: Member): OrgChange | Refusal<'self'> {
  if (member.userId === actorId) return { refused: 'self' };
  return removeMember(view, member, { action: 'member-removed', detail: { user: String(member.userId), role: member.role } });
}

/** /keluar: a member leaves (their supervisors as their own keys name them). */
export function leaveOrg(view: OrgMembers, userId: number, supervisors: number[]): OrgChange | Refusal<'last-admin'> {
  if (isLastAdmin(view, userId)) return { refused: 'last-admin' };
  return removeMember(view, { userId, supervisors }, { action: 'left', detail: { user: String(userId) } });
}

/** /hapus_data_saya: leaving as /keluar does; their cases stay, found by an admin under their id. */
export function deleteOwnMembership(view: OrgMembers, userId: number, supervisors: number[], cases: number, now: string): OrgChange | Refusal<'last-admin'> {
  if (isLastAdmin(view, userId)) return { refused: 'last-admin' };
  const change = removeMember(view, { userId, supervisors }, { action: 'own-data-deleted', detail: { user: String(userId), cases: String(cases) } });
  if (cases > 0) change.writes.push({ op: 'put-departed', departed: { userId, at: now, cases } });
  return change;
}
