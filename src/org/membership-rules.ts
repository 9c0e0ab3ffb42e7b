// The rules of belonging to an organisation, as pure functions: given what was read of the
// organisation, each returns the writes a change makes (OrgStore.apply turns them into Redis
// commands on the update's pipeline), the users whose reminder and digest schedulers must follow,
// and the audit entry. No Redis, no Telegram, no clock: the features ask, show and apply.
//
// One removal cascade serves the three ways out — an admin's removal, /keluar and /hapus_data_saya:
// the member's workers lose this supervisor, every link the person made or that assigned to them
// stops, they are remembered as a former member (no link made before they left lets them back in:
// an admin re-invites them with a new single-use link), cases they leave behind are listed for the
// admins, schedulers follow.
import { ROLES, type Invite, type Member, type Org, type Role } from '../store/org-records.ts';

/** What the rules read of an organisation (an OrgView is one). */
export interface OrgMembers {
  members: Record<number, Member>;
  invites: Record<string, Invite>;
}

/** One write of a change, in the order it is applied (OrgStore.apply). */
export type OrgWrite =
  | { op: 'put-org'; org: Org }
  /** `join`: the member just joined, and works in this organisation from now (their active one) */
  | { op: 'put-member'; member: Member; join?: true }
  | { op: 'set-role'; member: Member; role: Role }
  /** `suspended`: the supervisor is suspended now (their worker's messages to them pause too) */
  | { op: 'assign'; worker: number; supervisor: number; suspended?: boolean }
  | { op: 'unassign'; worker: number; supervisor: number }
  /** the membership, the member entry and the user's own sets; `supervisors`/`workers`: the others' sets to leave */
  | { op: 'remove-member'; userId: number; supervisors: number[]; workers: number[] }
  | { op: 'put-invite'; invite: Invite }
  /** `workers`: those the member supervises, whose messages to them pause (or resume) with it */
  | { op: 'suspend'; member: Member; on: boolean; workers: number[] }
  /** a former member who left cases for an admin to move, end or delete (an org-store Departed) */
  | { op: 'put-departed'; departed: { userId: number; at: string; cases: number; name?: string } }
  /** someone who left or was removed, and when: only a single-use link made after that lets them back */
  | { op: 'put-former'; userId: number; at: string };

export interface OrgAudit {
  action: string;
  /** ids only: never client data */
  detail: Record<string, string>;
}

export interface OrgChange {
  writes: OrgWrite[];
  /** users whose reminder/digest schedulers must be synced after the write */
  sync: number[];
  /** users whose ☰ Menu follows after the write: their role, or how many organisations they are in, changed */
  menu?: number[];
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

/**
 * Links that stop with a person's standing: `own` — the supervisor's own links that assign joiners
 * to them (they stop supervising); `made` — the links an admin made (they are no longer an admin);
 * `all` — both, and any other link they made (they leave the organisation).
 */
export function revokeLinksOf(view: OrgMembers, userId: number, which: 'own' | 'made' | 'all'): OrgWrite[] {
  const stops = (i: Invite): boolean => {
    const own = i.assignTo === userId;
    const made = i.createdBy === userId && i.assignTo === undefined;
    return which === 'own' ? own : which === 'made' ? made : own || i.createdBy === userId;
  };
  return Object.values(view.invites)
    .filter((i) => !i.revoked && stops(i))
    .map((i) => ({ op: 'put-invite', invite: { ...i, revoked: true } }));
}

function withoutSupervisor(w: Member, supervisorId: number): Member {
  return { ...w, supervisors: w.supervisors.filter((s) => s !== supervisorId) };
}

/** The organisation is made (its name cut to 80 characters); its maker is its admin. */
/** An organisation's name fits a line of the menu and of a report's header. */
export const ORG_NAME_MAX = 80;

/** `moveThere`: the founder works in it from now (not while a note of theirs is being written). */
export function foundOrg(orgId: string, name: string, founder: { userId: number; name: string }, now: string, moveThere = true): OrgChange & { org: Org } {
  const org: Org = { id: orgId, name: name.slice(0, ORG_NAME_MAX), createdAt: now, createdBy: founder.userId };
  const me: Member = { userId: founder.userId, name: founder.name, role: 'admin', joinedAt: now, supervisors: [] };
  return { org, writes: [{ op: 'put-org', org }, { op: 'put-member', member: me, ...(moveThere ? { join: true as const } : {}) }], sync: [], menu: [founder.userId], audit: { action: 'org-created', detail: { orgId } } };
}

/** Joining with an invitation just used: its role, and a supervisor's own link makes them its worker. */
/** `moveThere`: as for foundOrg. */
export function joinWith(view: OrgMembers | undefined, used: Invite, who: { userId: number; name: string }, now: string, moveThere = true): OrgChange & { member: Member } {
  const member: Member = { userId: who.userId, name: who.name, role: used.role, joinedAt: now, supervisors: used.assignTo ? [used.assignTo] : [] };
  const writes: OrgWrite[] = [{ op: 'put-member', member, ...(moveThere ? { join: true as const } : {}) }];
  if (used.assignTo) writes.push({ op: 'assign', worker: member.userId, supervisor: used.assignTo, ...(view?.members[used.assignTo]?.suspended ? { suspended: true } : {}) });
  return {
    member,
    writes,
    // the supervisor's digest now has a worker
    sync: used.assignTo ? [used.assignTo] : [],
    menu: [member.userId],
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
  // an admin no longer: the links they made as admin stop (one could make another admin)
  if (member.role === 'admin' && to !== 'admin') writes.push(...revokeLinksOf(view, member.userId, 'made'));
  if (to === 'worker') {
    for (const w of workersOf(view, member.userId)) {
      writes.push({ op: 'unassign', worker: w.userId, supervisor: member.userId });
      writes.push({ op: 'put-member', member: withoutSupervisor(w, member.userId) });
    }
    writes.push(...revokeLinksOf(view, member.userId, 'own'));
  }
  return {
    writes,
    // the supervisors left lose a worker from their digest; the member's own schedule follows the role
    sync: [...(promoted ? member.supervisors : []), member.userId],
    menu: [member.userId],
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
    writes: [
      assigned ? { op: 'unassign', worker: member.userId, supervisor: sup.userId } : { op: 'assign', worker: member.userId, supervisor: sup.userId, ...(sup.suspended ? { suspended: true } : {}) },
      { op: 'put-member', member: { ...member, supervisors } },
    ],
    // the supervisor's digest follows
    sync: [sup.userId],
    audit: { action: assigned ? 'supervisor-unassigned' : 'supervisor-assigned', detail: { worker: String(member.userId), supervisor: String(sup.userId) } },
  };
}

/** Suspends a member (a lost phone) or lifts it; nothing is deleted. A suspended supervisor's
 *  workers stop sending them anything about their cases until it is lifted. */
export function setSuspended(view: OrgMembers, actorId: number, member: Member, on: boolean): OrgChange | Refusal<'self' | 'same'> {
  if (member.userId === actorId) return { refused: 'self' };
  if (Boolean(member.suspended) === on) return { refused: 'same' };
  const workers = workersOf(view, member.userId).map((w) => w.userId);
  // their reminders of this organisation's cases stop, and come back when it is lifted (sync-job.ts)
  return { writes: [{ op: 'suspend', member, on, workers }], sync: [member.userId], menu: [member.userId], audit: { action: on ? 'member-suspended' : 'member-resumed', detail: { user: String(member.userId) } } };
}

/** Who leaves: their supervisors (as their own keys name them) and how many cases they leave behind. */
export interface Leaving {
  userId: number;
  supervisors: number[];
  cases: number;
}

/**
 * The one removal cascade: the membership goes (and with it the member's own sets and the others'
 * sets naming them), their workers lose this supervisor, every link they made or that assigns to
 * them stops, they are remembered as a former member (the rejoin rule: consume-invite.lua), and
 * cases they leave are listed for the admins (departed). The supervisors left lose a worker from
 * their digest; a supervisor's own digest ends.
 */
export function removeMember(view: OrgMembers, who: Leaving, audit: OrgAudit, now: string): OrgChange {
  const workers = workersOf(view, who.userId);
  // the organisation's record and the member's own keys should agree; if they do not, leave no
  // supervisor still listing them
  const supervisors = [...new Set([...who.supervisors, ...(view.members[who.userId]?.supervisors ?? [])])];
  const writes: OrgWrite[] = [
    { op: 'remove-member', userId: who.userId, supervisors, workers: workers.map((w) => w.userId) },
    ...workers.map((w): OrgWrite => ({ op: 'put-member', member: withoutSupervisor(w, who.userId) })),
    ...revokeLinksOf(view, who.userId, 'all'),
    { op: 'put-former', userId: who.userId, at: now },
  ];
  // the name stays so the admins know whose cases these are — unless the person deleted their own data
  const name = audit.action === 'own-data-deleted' ? undefined : view.members[who.userId]?.name;
  if (who.cases > 0) writes.push({ op: 'put-departed', departed: { userId: who.userId, at: now, cases: who.cases, ...(name ? { name } : {}) } });
  // (their own sync: a supervisor's digest ends; the cases they leave behind stop reminding them)
  return { writes, sync: [...supervisors, ...(workers.length > 0 || who.cases > 0 ? [who.userId] : [])], menu: [who.userId], audit };
}

/** An admin removes a member (never themselves); `cases`: how many cases the member holds. */
export function removeByAdmin(view: OrgMembers, actorId: number, member: Member, cases: number, now: string): OrgChange | Refusal<'self'> {
  if (member.userId === actorId) return { refused: 'self' };
  return removeMember(view, { userId: member.userId, supervisors: member.supervisors, cases }, { action: 'member-removed', detail: { user: String(member.userId), role: member.role, cases: String(cases) } }, now);
}

/** /keluar: a member leaves (their supervisors as their own keys name them); their cases stay with the organisation. */
export function leaveOrg(view: OrgMembers, who: Leaving, now: string): OrgChange | Refusal<'last-admin'> {
  if (isLastAdmin(view, who.userId)) return { refused: 'last-admin' };
  return removeMember(view, who, { action: 'left', detail: { user: String(who.userId), cases: String(who.cases) } }, now);
}

/** /hapus_data_saya: leaving as /keluar does; their cases stay, found by an admin under their id. */
export function deleteOwnMembership(view: OrgMembers, who: Leaving, now: string): OrgChange | Refusal<'last-admin'> {
  if (isLastAdmin(view, who.userId)) return { refused: 'last-admin' };
  return removeMember(view, who, { action: 'own-data-deleted', detail: { user: String(who.userId), cases: String(who.cases) } }, now);
}
