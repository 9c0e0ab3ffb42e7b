// Organisations in Redis: the organisation, its members, its invitations, its audit stream, and each
// member's own membership keys (read with every update of theirs). Reads and writes are queued onto
// the update's one pipeline; only consuming an invitation is a call of its own (it must be atomic).
import type { ChainableCommander } from 'ioredis';
import type { Keys } from '../store/keys.ts';
import type { DataCipher } from '../store/crypto.ts';
import type { RedisClient } from '../store/redis-connection.ts';
import type { OrgRecords } from '../store/read-plan.ts';
import { readExtras } from '../store/extra-reads.ts';
import { slotPipeline } from '../store/slot-pipeline.ts';
import { DEFAULT_RISK_ESCALATION_HOURS, type AuditEntry, type Invite, type Member, type Org, type Role } from '../store/org-records.ts';
import { LuaScript } from '../store/lua-script.ts';
import { inviteIdOf } from './invitations.ts';
import type { OrgWrite } from './membership-rules.ts';

export interface OrgView {
  org: Org | undefined;
  members: Record<number, Member>;
  invites: Record<string, Invite>;
  /** members who deleted their own data (/hapus_data_saya) and left cases for an admin to move */
  departed: Record<number, Departed>;
  /** the emergency numbers an admin set (absent: the defaults, 112 and SAPA 129) */
  emergency?: string;
}

export interface Departed {
  userId: number;
  at: string;
  /** how many cases they left */
  cases: number;
  /** their name, unless they deleted their own data */
  name?: string;
}

/** The security stream keeps about this many entries (an organisation's audit is never cut by count). */
const SECURITY_KEEP = 10_000;
/** A non-member's refusals reach the security stream at most this often; the rest are only counted. */
const STRANGER_WINDOW_MS = 10 * 60_000;
export const STRANGER_ENTRIES_PER_WINDOW = 5;

// KEYS: invites, former members. ARGV: id, now (ISO), user id, secret. The invitation JSON after use, or an error word.
const CONSUME = new LuaScript<string>(new URL('./lua/consume-invite.lua', import.meta.url), { keys: 2 });
const STRANGER_REFUSAL = new LuaScript<number>(new URL('./lua/stranger-refusal.lua', import.meta.url), { keys: 3 });

function entryFields(e: AuditEntry): string[] {
  return ['at', e.at, 'by', String(e.by), 'action', e.action, 'detail', JSON.stringify(e.detail)];
}

function auditRow(fields: string[]): AuditEntry {
  const f: Record<string, string> = {};
  for (let i = 0; i < fields.length; i += 2) f[fields[i]!] = fields[i + 1]!;
  return { at: f.at ?? '', by: Number(f.by), action: f.action ?? '', detail: JSON.parse(f.detail ?? '{}') as Record<string, string> };
}

/** Invitations by the field they are stored under (its id; a link made before secrets were hashed
 *  is stored under its secret until it is used or the data migration moves it). */
function invitesOf(hash: Record<string, string>): Record<string, Invite> {
  const out: Record<string, Invite> = {};
  for (const [field, v] of Object.entries(hash)) {
    const { secret: _legacy, ...invite } = JSON.parse(v) as Invite & { secret?: string };
    out[field] = { ...invite, id: field };
  }
  return out;
}

/**
 * The members hash as stored: each member sealed like client data (a staff name is personal data),
 * bound to the hash and the member's field. A member written before names were sealed is plain JSON
 * until `npm run rotate-key` seals it.
 */
export function openMembers(cipher: DataCipher, key: string, hash: Record<string, string>): Record<number, Member> {
  const out: Record<number, Member> = {};
  for (const [field, v] of Object.entries(hash)) out[Number(field)] = (v.startsWith('{') ? JSON.parse(v) : cipher.open<Member>(v, key, field)) as Member;
  return out;
}

/** Former members with cases left (names too, sealed as the members'). */
function openDeparted(cipher: DataCipher, key: string, hash: Record<string, string>): Record<number, Departed> {
  const out: Record<number, Departed> = {};
  for (const [field, v] of Object.entries(hash)) out[Number(field)] = (v.startsWith('{') ? JSON.parse(v) : cipher.open<Departed>(v, key, field)) as Departed;
  return out;
}

/** The organisation's audit: written by its members and the system only, never cut by count (the
 *  retention setting trims it by age: trimAudit). Needs no key: entries hold ids only. */
export function writeAudit(p: ChainableCommander, keys: Keys, orgId: string, e: AuditEntry): void {
  p.xadd(keys.audit(orgId), '*', ...entryFields(e));
}

/** Drops audit entries older than `beforeMs` (the stream ids' time): the retention setting. */
export function trimAudit(redis: RedisClient, keys: Keys, orgId: string, beforeMs: number): Promise<number> {
  return redis.xtrim(keys.audit(orgId), 'MINID', String(Math.max(0, Math.floor(beforeMs))));
}

/** What a user without an organisation did (deleted a case of theirs), or a message dropped for one:
 *  the security log (ids only). */
export async function writeSecurityLog(redis: RedisClient, keys: Keys, e: AuditEntry): Promise<void> {
  await redis.xadd(keys.security, 'MAXLEN', '~', String(SECURITY_KEEP), '*', ...entryFields(e));
}

export class OrgStore {
  private readonly redis: RedisClient;
  private readonly keys: Keys;
  private readonly cipher: DataCipher;

  constructor(redis: RedisClient, keys: Keys, cipher: DataCipher) {
    this.redis = redis;
    this.keys = keys;
    this.cipher = cipher;
  }

  /** The user works in this organisation from now (their own update: joining, founding, /lembaga).
   *  Only their own writes move it; an admin elsewhere writes only that organisation's entry. */
  workIn(p: ChainableCommander, userId: number, orgId: string): void {
    p.hset(this.keys.membership(userId), 'orgId', orgId);
  }

  /** The user is in no organisation any more (they deleted their own data): where they worked goes
   *  (and the fields data of before kept there); their language stays. */
  workNowhere(p: ChainableCommander, userId: number): void {
    p.hdel(this.keys.membership(userId), 'orgId', 'role', 'suspended');
  }

  /** A user's entry in one organisation (their role there, and whether its admin suspended them). */
  private putEntry(p: ChainableCommander, userId: number, orgId: string, role: Role, suspended: boolean): void {
    p.hset(this.keys.memberships(userId), orgId, JSON.stringify(suspended ? { role, suspended: true } : { role }));
  }

  /** An organisation's records as read with an update (src/store/read-plan.ts), decoded. */
  view(orgId: string, r: OrgRecords): OrgView {
    return {
      org: r.org ? (JSON.parse(r.org) as Org) : undefined,
      members: openMembers(this.cipher, this.keys.members(orgId), r.members),
      invites: invitesOf(r.invites),
      departed: openDeparted(this.cipher, this.keys.departed(orgId), r.departed),
      ...(r.emergency ? { emergency: r.emergency } : {}),
    };
  }

  /** Organisations' names (a member's /lembaga list: one more round trip; a gone one: its id). */
  async names(orgIds: readonly string[]): Promise<Record<string, string>> {
    const p = slotPipeline(this.redis);
    for (const id of orgIds) p.get(this.keys.org(id));
    const results = (await p.exec()) ?? [];
    const out: Record<string, string> = {};
    orgIds.forEach((id, i) => {
      const [err, raw] = results[i]!;
      if (err) throw err;
      out[id] = raw ? (JSON.parse(raw as string) as Org).name : id;
    });
    return out;
  }

  /** The organisation read on its own (a command that names no organisation: one more round trip). */
  async load(orgId: string): Promise<OrgView> {
    const { org } = await readExtras(this.redis, this.keys, this.cipher, { org: orgId });
    return this.view(orgId, org!);
  }

  /** The writes of a membership rule (src/org/membership-rules.ts), in their order, onto the pipeline. */
  apply(p: ChainableCommander, orgId: string, writes: readonly OrgWrite[]): void {
    for (const w of writes) {
      switch (w.op) {
        case 'put-org':
          this.putOrg(p, w.org);
          break;
        case 'put-member':
          this.putMember(p, orgId, w.member, w.join);
          break;
        case 'set-role':
          this.setRole(p, orgId, w.member, w.role);
          break;
        case 'assign':
          this.assign(p, orgId, w.worker, w.supervisor, w.suspended ?? false);
          break;
        case 'unassign':
          this.unassign(p, orgId, w.worker, w.supervisor);
          break;
        case 'remove-member':
          this.removeMember(p, orgId, w.userId, w.supervisors, w.workers);
          break;
        case 'put-invite':
          this.putInvite(p, orgId, w.invite);
          break;
        case 'suspend':
          this.suspend(p, orgId, w.member, w.on, w.workers);
          break;
        case 'put-departed':
          this.putDeparted(p, orgId, w.departed);
          break;
        case 'put-former':
          p.hset(this.keys.former(orgId), String(w.userId), w.at);
          break;
        default: {
          const never: never = w;
          throw new Error(`unknown organisation write ${JSON.stringify(never)}`);
        }
      }
    }
  }

  putOrg(p: ChainableCommander, org: Org): void {
    p.set(this.keys.org(org.id), JSON.stringify(org));
  }

  /** A member written (joined, renamed, role changed); `join`: the organisation they work in from now. */
  putMember(p: ChainableCommander, orgId: string, m: Member, join = false): void {
    const members = this.keys.members(orgId);
    p.hset(members, String(m.userId), this.cipher.seal(m, members, String(m.userId)));
    this.putEntry(p, m.userId, orgId, m.role, m.suspended ?? false);
    if (join) this.workIn(p, m.userId, orgId);
  }

  /** Takes a member out of this organisation at once: in it, their next update is refused (they work
   *  in another of theirs, if any: the read falls back to it; with none, their reminders stop too). */
  removeMember(p: ChainableCommander, orgId: string, userId: number, supervisors: number[], workers: number[]): void {
    p.hdel(this.keys.members(orgId), String(userId));
    p.del(this.keys.supervisorsOf(userId, orgId), this.keys.workersOf(userId, orgId), this.keys.supervisorsSuspended(userId, orgId));
    p.hdel(this.keys.memberships(userId), orgId);
    for (const s of supervisors) p.srem(this.keys.workersOf(s, orgId), String(userId));
    for (const w of workers) {
      p.srem(this.keys.supervisorsOf(w, orgId), String(userId));
      p.srem(this.keys.supervisorsSuspended(w, orgId), String(userId));
    }
  }

  setRole(p: ChainableCommander, orgId: string, m: Member, role: Role): void {
    this.putMember(p, orgId, { ...m, role });
  }

  assign(p: ChainableCommander, orgId: string, workerId: number, supervisorId: number, suspended: boolean): void {
    p.sadd(this.keys.supervisorsOf(workerId, orgId), String(supervisorId));
    p.sadd(this.keys.workersOf(supervisorId, orgId), String(workerId));
    if (suspended) p.sadd(this.keys.supervisorsSuspended(workerId, orgId), String(supervisorId));
  }

  unassign(p: ChainableCommander, orgId: string, workerId: number, supervisorId: number): void {
    p.srem(this.keys.supervisorsOf(workerId, orgId), String(supervisorId));
    p.srem(this.keys.workersOf(supervisorId, orgId), String(workerId));
    p.srem(this.keys.supervisorsSuspended(workerId, orgId), String(supervisorId));
  }

  putInvite(p: ChainableCommander, orgId: string, invite: Invite): void {
    p.hset(this.keys.invites(orgId), invite.id, JSON.stringify(invite));
  }

  audit(p: ChainableCommander, orgId: string, e: AuditEntry): void {
    writeAudit(p, this.keys, orgId, e);
  }

  /** Uses an invitation once, atomically: two people racing for a single-use link, one wins; a former
   *  member is let back in only through a single-use link made after they left. */
  async consumeInvite(orgId: string, secret: string, userId: number, nowIso: string): Promise<Invite | 'unknown' | 'revoked' | 'expired' | 'used' | 'former'> {
    const r = await CONSUME.on(this.redis).run([this.keys.invites(orgId), this.keys.former(orgId)], [inviteIdOf(secret), nowIso, userId, secret]);
    return r.startsWith('{') ? (JSON.parse(r) as Invite) : (r as 'unknown');
  }

  async recentAudit(orgId: string, count: number): Promise<AuditEntry[]> {
    const rows = await this.redis.xrevrange(this.keys.audit(orgId), '+', '-', 'COUNT', count);
    return rows.map(([, fields]) => auditRow(fields));
  }

  /** Every kept entry, oldest first, or only those naming a case (`/audit <code>`, the CSV): its id,
   *  or the start of it (a case code, src/cases/labels.ts). */
  async auditEntries(orgId: string, caseId?: string): Promise<AuditEntry[]> {
    const rows = await this.redis.xrange(this.keys.audit(orgId), '-', '+');
    const all = rows.map(([, fields]) => auditRow(fields));
    const names = (e: AuditEntry) => (e.detail.case ?? e.detail.caseId ?? '').startsWith(caseId!);
    return caseId ? all.filter(names) : all;
  }

  async securityLog(e: AuditEntry): Promise<void> {
    await writeSecurityLog(this.redis, this.keys, e);
  }

  /**
   * A non-member refused (a forged or left-over button, a guessed invitation): counted per source and
   * per organisation named, and recorded in the security log at most STRANGER_ENTRIES_PER_WINDOW
   * times a window per source — never in the organisation's audit, which a stranger must not be able
   * to fill. Returns the source's refusals in the current window (the caller stops answering a flood).
   */
  async strangerRefusal(e: AuditEntry & { detail: { orgId?: string } }): Promise<number> {
    const orgField = e.detail.orgId ? `o:${e.detail.orgId}` : '';
    return STRANGER_REFUSAL.on(this.redis).run(
      [this.keys.security, this.keys.securityCounts, this.keys.securityWindow(e.by)],
      [`u:${e.by}`, orgField, STRANGER_WINDOW_MS, STRANGER_ENTRIES_PER_WINDOW, SECURITY_KEEP, ...entryFields(e)],
    );
  }

  /** How many refusals of non-members named this organisation (shown with its audit log). */
  async strangerRefusalsOf(orgId: string): Promise<number> {
    return Number((await this.redis.hget(this.keys.securityCounts, `o:${orgId}`)) ?? 0);
  }

  /** Suspends a member (a lost phone) or lifts it: their next update is refused, reminders pause, and
   *  their workers' own keys mark them suspended (nothing about those workers' cases is sent to them). */
  suspend(p: ChainableCommander, orgId: string, m: Member, on: boolean, workers: number[]): void {
    for (const w of workers) {
      if (on) p.sadd(this.keys.supervisorsSuspended(w, orgId), String(m.userId));
      else p.srem(this.keys.supervisorsSuspended(w, orgId), String(m.userId));
    }
    const { suspended: _drop, ...rest } = m;
    const members = this.keys.members(orgId);
    p.hset(members, String(m.userId), this.cipher.seal(on ? { ...rest, suspended: true } : rest, members, String(m.userId)));
    // in this organisation: while they work in it their access is refused; nothing of it is sent to
    // them, and its cases are left out of their reminders
    this.putEntry(p, m.userId, orgId, m.role, on);
    // (a pause of before suspensions were kept per organisation is lifted with it)
    if (!on) p.del(this.keys.blocked(m.userId));
  }

  putDeparted(p: ChainableCommander, orgId: string, d: Departed): void {
    const departed = this.keys.departed(orgId);
    p.hset(departed, String(d.userId), this.cipher.seal(d, departed, String(d.userId)));
  }

  dropDeparted(p: ChainableCommander, orgId: string, userId: number): void {
    p.hdel(this.keys.departed(orgId), String(userId));
  }

  /** The emergency numbers shown when a risk reaches nobody; empty: back to the defaults. */
  putEmergency(p: ChainableCommander, orgId: string, text: string): void {
    if (text) p.set(this.keys.emergency(orgId), text);
    else p.del(this.keys.emergency(orgId));
  }

  putRiskEscalation(p: ChainableCommander, org: Org, hours: number): void {
    const { riskEscalationHours: _drop, ...rest } = org;
    this.putOrg(p, hours === DEFAULT_RISK_ESCALATION_HOURS ? rest : { ...rest, riskEscalationHours: hours });
  }

  putRetention(p: ChainableCommander, org: Org, days: number | undefined): void {
    const { retentionDays: _drop, ...rest } = org;
    this.putOrg(p, days ? { ...rest, retentionDays: days } : rest);
  }
}
