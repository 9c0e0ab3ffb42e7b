// Who is asking, read again on every call: the session names a user and an organisation; their own
// keys (the same read as a chat update's: src/store/workspace-store.ts) say whether they are still
// a member there, not suspended, with which role and workers. What they may see of a worker follows
// the chat's rules (src/org/access.ts): a supervisor their workers, an admin the organisation's
// caseloads (a note's contents only where they supervise), a worker their own.
import { DateTime } from 'luxon';
import type { Logger } from 'pino';
import type { Lang } from '../cases/labels.ts';
import { mayManage, maySupervise } from '../org/access.ts';
import { openMembers } from '../org/org-store.ts';
import { teamOf } from '../org/team.ts';
import { dayScore } from '../store/caseload-index.ts';
import type { ViewTime } from '../store/caseload-read.ts';
import type { Member, Membership } from '../store/org-records.ts';
import type { ReadPlan } from '../store/read-plan.ts';
import type { SessionData } from '../store/session.ts';
import type { Workspace, WorkspaceStore } from '../store/workspace-store.ts';
import type { DashSession } from './sessions.ts';

export interface Viewer {
  userId: number;
  name: string;
  orgId: string;
  m: Membership;
  members: Record<number, Member>;
  lang: Lang;
  zone: string;
  time: ViewTime;
}

export interface ViewerDeps {
  store: WorkspaceStore<SessionData>;
  logger?: Logger;
  clock: { now(): Date };
  defaultTimezone: string;
}

/**
 * The viewer and what `plan` asked for besides, in one round trip; undefined when they are no longer
 * a member of the session's organisation, or are suspended there (the session is worth nothing then).
 */
export async function readViewer(d: ViewerDeps, s: DashSession, plan: ReadPlan = {}): Promise<{ viewer: Viewer; ws: Workspace<SessionData> } | undefined> {
  const ws = await d.store.load(s.userId, viewerPlan(s, plan));
  const viewer = viewerOf(d, s, ws);
  return viewer ? { viewer, ws } : undefined;
}

/** What every call reads: the user's own keys, acting in the session's organisation, its members. */
export function viewerPlan(s: DashSession, plan: ReadPlan): ReadPlan {
  // (the user's own cases are not shown here: none is named, so none is read)
  return { sessionCases: true, caseIds: [], members: s.orgId, actIn: s.orgId, ...plan };
}

/** The viewer as their keys were read (undefined: no longer a member there, or suspended). */
export function viewerOf(d: ViewerDeps, s: DashSession, ws: Workspace<SessionData>): Viewer | undefined {
  const m = ws.membership;
  if (!m || m.orgId !== s.orgId || m.suspended) return undefined;
  const zone = ws.session?.reminders?.zone ?? d.defaultTimezone;
  const now = d.clock.now().getTime();
  const members = openMembers(d.store.cipher, d.store.keys.members(s.orgId), ws.members ?? {});
  const viewer: Viewer = {
    userId: s.userId,
    name: s.name,
    orgId: s.orgId,
    m,
    members,
    // as the bot answers them: their /bahasa choice, else Telegram's language (initData's, now)
    lang: ws.session?.lang ?? s.lang,
    zone,
    time: { now, today: dayScore(DateTime.fromMillis(now, { zone }).toISODate()!) },
  };
  return viewer;
}

/** The workers whose caseloads the viewer's overview counts: a supervisor's, an admin's organisation, a worker's own. */
export function teamOfViewer(v: Viewer): Member[] {
  if (v.m.role === 'worker') {
    const self = v.members[v.userId];
    return self ? [self] : [];
  }
  const admin = mayManage(v.m, v.orgId);
  return teamOf(v.members, { userId: v.userId, admin, workers: v.m.workers });
}

export interface Scope {
  /** the worker's caseload, a case's timeline (dates, stages, states) */
  read: boolean;
  /** a note's contents and the case's reports: the worker themselves or their supervisor */
  full: boolean;
  /** approve, answer: their supervisor only */
  review: boolean;
}

export function scopeOf(v: Viewer, workerId: number): Scope {
  const self = workerId === v.userId;
  const supervises = maySupervise(v.userId, v.m, workerId);
  const admin = mayManage(v.m, v.orgId) && v.members[workerId] !== undefined;
  return { read: self || supervises || admin, full: self || supervises, review: supervises };
}
