// Invitations, as pure rules: the one builder of a link (an admin's, for any role, or a
// supervisor's own /undang link whose joiners become their workers), revoking one, which are
// still live, and whether a supervisor's own link still assigns. The secret and the instant come
// from the caller; the writes go through OrgStore.apply. Only a hash of the secret is stored: a copy
// of Redis (or its AOF, or a backup) holds no working link.
import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import { ROLES, type Invite, type Role } from '../store/org-records.ts';
import type { OrgChange, OrgMembers, Refusal } from './membership-rules.ts';

export interface InviteTerms {
  /** null: any number of people until it expires */
  maxUses: number | null;
  days: number;
}

/** An admin's links: single use for a week ('s'), or anyone for a month ('m'). */
export const INVITE_KINDS = { s: { maxUses: 1, days: 7 }, m: { maxUses: null, days: 30 } } as const satisfies Record<string, InviteTerms>;

/** A supervisor's own link: anyone for a month, each joining as their worker. */
const OWN_INVITE = { maxUses: null, days: 30 } as const satisfies InviteTerms;

/** What an invitation is stored under: the first 64 bits of the secret's SHA-256, in hex (a button
 *  carries it to revoke the link; it opens nothing). */
export function inviteIdOf(secret: string): string {
  return createHash('sha256').update(secret).digest('hex').slice(0, 16);
}

/** The one builder: a new invitation (expiring `days` after now) and its audit. */
export function makeInvite(p: { secret: string; role: Role; by: number; now: Date; terms: InviteTerms; assignTo?: number }): OrgChange & { invite: Invite } {
  const invite: Invite = {
    id: inviteIdOf(p.secret),
    role: p.role,
    createdBy: p.by,
    createdAt: p.now.toISOString(),
    expiresAt: DateTime.fromJSDate(p.now).plus({ days: p.terms.days }).toUTC().toISO()!,
    maxUses: p.terms.maxUses,
    uses: 0,
    revoked: false,
    ...(p.assignTo !== undefined ? { assignTo: p.assignTo } : {}),
  };
  const detail = { role: p.role, ...(p.assignTo !== undefined ? { assignTo: String(p.assignTo) } : {}), invite: invite.id.slice(0, 6) };
  return { invite, writes: [{ op: 'put-invite', invite }], sync: [], audit: { action: 'invite-created', detail } };
}

/** An admin's link for a role, single use ('s') or for many ('m'). */
export function adminInvite(secret: string, role: string, kind: string, by: number, now: Date): (OrgChange & { invite: Invite; terms: InviteTerms }) | Refusal<'unknown-role' | 'unknown-kind'> {
  if (!ROLES.includes(role as Role)) return { refused: 'unknown-role' };
  if (kind !== 's' && kind !== 'm') return { refused: 'unknown-kind' };
  const terms = INVITE_KINDS[kind];
  return { ...makeInvite({ secret, role: role as Role, by, now, terms }), terms };
}

/** A supervisor's (or an admin's) own "join as my worker" link, /undang. */
export function ownInvite(secret: string, by: number, now: Date): OrgChange & { invite: Invite } {
  return makeInvite({ secret, role: 'worker', by, now, terms: OWN_INVITE, assignTo: by });
}

export function revokeInvite(view: OrgMembers, id: string | undefined): (OrgChange & { invite: Invite }) | Refusal<'unknown'> {
  const invite = id !== undefined && Object.hasOwn(view.invites, id) ? view.invites[id] : undefined;
  if (!invite) return { refused: 'unknown' };
  return { invite, writes: [{ op: 'put-invite', invite: { ...invite, revoked: true } }], sync: [], audit: { action: 'invite-revoked', detail: { role: invite.role, invite: invite.id.slice(0, 6) } } };
}

/** The invitations someone could still join with. */
export function liveInvites(view: OrgMembers, now: string): Invite[] {
  return Object.values(view.invites).filter((i) => !i.revoked && i.expiresAt > now && (i.maxUses === null || i.uses < i.maxUses));
}

/** A supervisor's own link assigns only while they still supervise in this organisation. */
export function ownLinkLapsed(view: OrgMembers | undefined, secret: string): boolean {
  // (a link made before secrets were hashed is still stored under its secret)
  const pending = view?.invites[inviteIdOf(secret)] ?? (view && Object.hasOwn(view.invites, secret) ? view.invites[secret] : undefined);
  if (pending?.assignTo === undefined) return false;
  const assignee = view?.members[pending.assignTo];
  return !assignee || assignee.role === 'worker';
}
