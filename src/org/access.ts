// Who may do what — in one place, so every feature asks the same questions.
//  - Anyone in ADMIN_IDS may use the bot (they bootstrap an organisation); otherwise only members.
//  - A worker sees their own cases; a supervisor also those of the workers assigned to them.
//  - An admin manages members and invitations of their own organisation, but reads notes only of
//    workers assigned to them (that is, when they supervise too).
import type { Membership } from '../store/org-records.ts';

export function mayUseBot(userId: number, membership: Membership | undefined, adminIds: ReadonlySet<number>): boolean {
  return adminIds.has(userId) || membership !== undefined;
}

/** Approving, answering, reading a note as its reviewer: a supervisor of the worker, never the author. */
export function maySupervise(viewerId: number, viewer: Membership | undefined, workerId: number): boolean {
  return viewerId !== workerId && (viewer?.workers.includes(workerId) ?? false);
}

export function mayManage(viewer: Membership | undefined, orgId: string): boolean {
  return viewer?.role === 'admin' && viewer.orgId === orgId;
}

/** Supervisors and admins hand out their own "join as my worker" link. */
export function mayInviteWorkers(viewer: Membership | undefined): boolean {
  return viewer?.role === 'supervisor' || viewer?.role === 'admin';
}

/** The worker's supervisors who may hear of their cases now: assigned and not suspended. */
export function activeSupervisors(m: Membership): number[] {
  const paused = m.suspendedSupervisors;
  return paused?.length ? m.supervisors.filter((s) => !paused.includes(s)) : m.supervisors;
}

/**
 * What the outbox knows of a recipient when it sends (src/outbox/deliver.ts): their membership hash is
 * the authority (their `blocked` key only pauses reminders, and outlives a removal until they write
 * again; a user who blocked the bot is still tried: they may have unblocked it).
 */
export interface Recipient {
  /** their membership as their own keys hold it; undefined: not a member (removed, left) */
  membership: Pick<Membership, 'orgId' | 'role' | 'suspended'> | undefined;
  /** they supervise the worker the message is about (their own workers set) */
  supervises: boolean;
}

export type Undeliverable = 'not-a-member' | 'other-organisation' | 'suspended' | 'not-a-supervisor' | 'not-an-admin';

/**
 * Whether a message about a case may reach this person now — the moment it is sent, not when it was
 * queued: a member of the message's organisation, not suspended, and the worker it is about or one
 * of that worker's supervisors (an admin, for an admins' message). Undefined: it may.
 */
export function undeliverable(to: number, audience: { orgId?: string; about?: number; admins?: true }, r: Recipient): Undeliverable | undefined {
  const m = r.membership;
  if (!m) return 'not-a-member';
  if (m.suspended) return 'suspended';
  if (audience.orgId !== undefined && m.orgId !== audience.orgId) return 'other-organisation';
  if (audience.admins && m.role !== 'admin') return 'not-an-admin';
  if (audience.about !== undefined && audience.about !== to && !r.supervises) return 'not-a-supervisor';
  return undefined;
}
