// The organisation screens' buttons as typed actions. On the wire they stay what they were
// (`o:<org>:<op>[:a[:b]]`, src/telegram/callback-data.ts: buttons already in admins' chats keep
// working); here each operation gets the fields it means — a member's id as a number, a role, an
// invitation's id — parsed once, and a malformed one is no action at all.
import { encode, type Action, type OrgOp } from '../../../telegram/callback-data.ts';
import { ROLES, type Role } from '../../../store/org-records.ts';

/** An operation alone, or on one member: each its own member of the union, so a switch narrows it. */
type Plain<O extends string> = O extends string ? { op: O } : never;
type OnMember<O extends string> = O extends string ? { op: O; userId: number } : never;

export type OrgAction =
  | Plain<'menu' | 'members' | 'invites' | 'invite-role' | 'audit' | 'retention' | 'emergency' | 'emergency-reset' | 'escalation' | 'found'>
  | { op: 'audit-csv'; caseId?: string }
  | { op: 'invite-make'; role: Role; kind: 's' | 'm' }
  | { op: 'invite-revoke'; inviteId: string }
  | OnMember<'member' | 'member-sups' | 'member-remove' | 'member-remove-yes' | 'member-suspend' | 'member-resume'>
  | { op: 'member-role'; userId: number; role: Role }
  | { op: 'member-sup'; userId: number; supervisorId: number }
  | { op: 'retention-set'; days: number }
  | { op: 'escalation-set'; hours: number };

const USER = /^(?:0|[1-9]\d{0,14})$/;
const userId = (s: string | undefined): number | undefined => (s !== undefined && USER.test(s) ? Number(s) : undefined);
const role = (s: string | undefined): Role | undefined => (ROLES.includes(s as Role) ? (s as Role) : undefined);

/** The typed action of an organisation button; undefined for one whose arguments do not fit its operation. */
export function orgAction(a: Extract<Action, { kind: 'org' }>): OrgAction | undefined {
  switch (a.op) {
    case 'menu': case 'members': case 'invites': case 'invite-role': case 'audit': case 'retention': case 'emergency': case 'emergency-reset': case 'escalation': case 'found':
      return { op: a.op };
    case 'audit-csv':
      return { op: a.op, ...(a.a !== undefined ? { caseId: a.a } : {}) };
    case 'invite-make': {
      const r = role(a.a);
      return r && (a.b === 's' || a.b === 'm') ? { op: a.op, role: r, kind: a.b } : undefined;
    }
    case 'invite-revoke':
      return a.a !== undefined ? { op: a.op, inviteId: a.a } : undefined;
    case 'member': case 'member-sups': case 'member-remove': case 'member-remove-yes': case 'member-suspend': case 'member-resume': {
      const id = userId(a.a);
      return id === undefined ? undefined : { op: a.op, userId: id };
    }
    case 'member-role': {
      const id = userId(a.a);
      const r = role(a.b);
      return id === undefined || !r ? undefined : { op: a.op, userId: id, role: r };
    }
    case 'member-sup': {
      const id = userId(a.a);
      const sup = userId(a.b);
      return id === undefined || sup === undefined ? undefined : { op: a.op, userId: id, supervisorId: sup };
    }
    case 'retention-set': {
      const days = userId(a.a);
      return days === undefined ? undefined : { op: a.op, days };
    }
    case 'escalation-set': {
      const hours = userId(a.a);
      return hours === undefined ? undefined : { op: a.op, hours };
    }
  }
}

/** The button data of an organisation action. */
export function orgButton(orgId: string, x: OrgAction): string {
  const [a, b] = argsOf(x);
  const op: OrgOp = x.op;
  return encode({ kind: 'org', orgId, op, ...(a !== undefined ? { a } : {}), ...(b !== undefined ? { b } : {}) });
}

function argsOf(x: OrgAction): [string?, string?] {
  if ('role' in x && 'userId' in x) return [String(x.userId), x.role];
  if ('supervisorId' in x) return [String(x.userId), String(x.supervisorId)];
  if ('userId' in x) return [String(x.userId)];
  if ('kind' in x) return [x.role, x.kind];
  if ('inviteId' in x) return [x.inviteId];
  if ('days' in x) return [String(x.days)];
  if ('hours' in x) return [String(x.hours)];
  if ('caseId' in x && x.caseId !== undefined) return [x.caseId];
  return [];
}
