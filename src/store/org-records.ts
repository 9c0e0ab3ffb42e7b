// Organisations (lembaga), their members and invitations, and the review of notes by supervisors.
import type { LocalizedText } from '../engine/types.ts';

export type Role = 'admin' | 'supervisor' | 'worker';
export const ROLES: Role[] = ['worker', 'supervisor', 'admin'];

/** One organisation a user belongs to, as their own keys hold it (keys.memberships). */
export interface OrgEntry {
  role: Role;
  suspended?: boolean;
}

/** What a user's own keys say of their membership (read with every update): the organisation they
 *  work in now (their active one) and, in `orgs`, every organisation they belong to. */
export interface Membership {
  orgId: string;
  role: Role;
  /** this worker's supervisors */
  supervisors: number[];
  /** those of them an admin suspended: nothing about this worker's cases is sent to them */
  suspendedSupervisors?: number[];
  /** this supervisor's workers */
  workers: number[];
  /** the language messages to this user are written in: their /bahasa choice, else Telegram's */
  lang?: 'id' | 'en';
  /** suspended by an admin (a lost phone): access refused and reminders paused until lifted */
  suspended?: boolean;
  /** every organisation they belong to, the active one included: orgId → entry */
  orgs: Record<string, OrgEntry>;
}

/** The organisation a user works in, as read.lua decides it: the one they chose while they are a
 *  member of it, else the first of theirs by id they are not suspended in, else the first, else none. */
export function workingOrg(chosen: string | null | undefined, entries: Record<string, OrgEntry>): { orgId: string; entry: OrgEntry } | undefined {
  const ids = Object.keys(entries).sort();
  const orgId = chosen && entries[chosen] ? chosen : (ids.find((id) => !entries[id]!.suspended) ?? ids[0]);
  return orgId ? { orgId, entry: entries[orgId]! } : undefined;
}

/** workingOrg of the memberships hash as stored. */
export function effectiveOrg(chosen: string | null | undefined, raw: Record<string, string>): { orgId: string; entry: OrgEntry } | undefined {
  return workingOrg(chosen, parseOrgEntries(raw));
}

/** The memberships hash as stored (orgId → JSON), its unreadable entries left out. */
export function parseOrgEntries(raw: Record<string, string>): Record<string, OrgEntry> {
  const out: Record<string, OrgEntry> = {};
  for (const [orgId, v] of Object.entries(raw)) {
    const e = parseOrgEntry(v);
    if (e) out[orgId] = e;
  }
  return out;
}

/** A membership entry as stored (JSON, keys.memberships); unreadable → undefined. */
export function parseOrgEntry(raw: string | null | undefined): OrgEntry | undefined {
  if (!raw) return undefined;
  try {
    const e = JSON.parse(raw) as Partial<OrgEntry>;
    return e.role === 'admin' || e.role === 'supervisor' || e.role === 'worker' ? { role: e.role, ...(e.suspended ? { suspended: true } : {}) } : undefined;
  } catch {
    return undefined;
  }
}

/** How long a risk alert may wait for "🙋 Saya tangani" before the admins get it: the choices, in hours. */
export const RISK_ESCALATION_CHOICES = [1, 2, 4, 8];
export const DEFAULT_RISK_ESCALATION_HOURS = 2;

export interface Org {
  id: string;
  name: string;
  createdAt: string;
  createdBy: number;
  /** closed cases are deleted this many days after they were closed (absent: kept) */
  retentionDays?: number;
  /** a risk alert nobody took ("🙋 Saya tangani") in this many hours goes to the admins (absent: 2) */
  riskEscalationHours?: number;
}

export interface Member {
  userId: number;
  /** Telegram first name, as shown to colleagues */
  name: string;
  role: Role;
  joinedAt: string;
  /** this member's supervisors (kept with the sets in their own keys) */
  supervisors: number[];
  /** suspended by an admin (kept in the member's membership hash too, read with every update) */
  suspended?: boolean;
}

export interface Invite {
  /** the hash of the link's secret (src/org/invitations.ts: inviteIdOf): the secret itself is shown
   *  once, in the link, and never stored */
  id: string;
  role: Role;
  createdBy: number;
  createdAt: string;
  expiresAt: string;
  /** null: any number of people may join with it until it expires */
  maxUses: number | null;
  uses: number;
  revoked: boolean;
  /** a supervisor's own link: whoever joins is their worker */
  assignTo?: number;
}

export type ReviewState = 'menunggu' | 'disetujui' | 'perlu_perbaikan';

export interface ReviewEvent {
  at: string;
  by: number;
  byName: string;
  action: 'submitted' | 'approved' | 'feedback' | 'revised';
  text?: string;
  /** the note version the event is about */
  version: number;
}

export interface AuditEntry {
  at: string;
  by: number;
  action: string;
  /** ids only: never client data */
  detail: Record<string, string>;
}

export type { LocalizedText };
