// Who may do what — in one place, so every feature asks the same questions.
//  - Anyone in ADMIN_IDS may use the bot (they bootstrap an organisation); otherwise only members.
//  - A worker sees their own cases; a supervisor also those of the workers assigned to them.
//  - An admin manages members and invitations of their own organisation, but reads notes only of
//    workers assigned to them (that is, when they supervise too).
import type { Membership } from '../store/org-records.ts';

export function mayUseBot(userId: number, membership: Membership | undefined, adminIds: ReadonlySet<number>): boolean {
  return adminIds.has(userId) || membership !== undefined;
}

export function maySeeWorker(viewerId: number, viewer: Membership | undefined, workerId: number): boolean {
  return viewerId === workerId || (viewer?.workers.includes(workerId) ?? false);
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
