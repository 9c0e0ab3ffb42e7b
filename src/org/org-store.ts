// Organisations in Redis: the organisation, its members, its invitations, its audit stream, and each
// member's own membership keys (read with every update of theirs). Reads and writes are queued onto
// the update's one pipeline; only consuming an invitation is a call of its own (it must be atomic).
import type { ChainableCommander, Redis } from 'ioredis';
import type { Keys } from '../store/keys.ts';
import type { ExtraRead } from '../store/workspace-store.ts';
import type { AuditEntry, Invite, Member, Org, Role } from './records.ts';

export interface OrgView {
  org: Org | undefined;
  members: Record<number, Member>;
  invites: Record<string, Invite>;
}

/** Audit streams keep about this many entries. */
const AUDIT_KEEP = 10_000;

// KEYS[1] = invites hash. ARGV: secret, now (ISO). Returns the invitation JSON after use, or an error word.
const CONSUME = `
local raw = redis.call('HGET', KEYS[1], ARGV[1])
if not raw then return 'unknown' end
local inv = cjson.decode(raw)
if inv.revoked then return 'revoked' end
if inv.expiresAt < ARGV[2] then return 'expired' end
if inv.maxUses ~= cjson.null and inv.uses >= inv.maxUses then return 'used' end
inv.uses = inv.uses + 1
local out = cjson.encode(inv)
redis.call('HSET', KEYS[1], ARGV[1], out)
return out
`;

function parseAll<T>(hash: Record<string, string>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const [k, v] of Object.entries(hash)) out[k] = JSON.parse(v) as T;
  return out;
}

export class OrgStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
  ) {}

  read(orgId: string): ExtraRead & { result?: OrgView } {
    const read: ReturnType<OrgStore['read']> = {
      queue: (p) => {
        p.get(this.keys.org(orgId));
        p.hgetall(this.keys.members(orgId));
        p.hgetall(this.keys.invites(orgId));
        return 3;
      },
      parse: ([org, members, invites]) => {
        read.result = {
          org: org ? (JSON.parse(org as string) as Org) : undefined,
          members: parseAll<Member>(members as Record<string, string>) as unknown as Record<number, Member>,
          invites: parseAll<Invite>(invites as Record<string, string>),
        };
      },
    };
    return read;
  }

  /** The organisation read on its own (a command that names no organisation: one more round trip). */
  async load(orgId: string): Promise<OrgView> {
    const read = this.read(orgId);
    const p = this.redis.pipeline();
    read.queue(p);
    const results = ((await p.exec()) ?? []).map(([err, v]) => {
      if (err) throw err;
      return v;
    });
    read.parse(results);
    return read.result!;
  }

  putOrg(p: ChainableCommander, org: Org): void {
    p.set(this.keys.org(org.id), JSON.stringify(org));
  }

  putMember(p: ChainableCommander, orgId: string, m: Member): void {
    p.hset(this.keys.members(orgId), String(m.userId), JSON.stringify(m));
    p.hset(this.keys.membership(m.userId), 'orgId', orgId, 'role', m.role);
  }

  /** Takes a member out at once: their next update is refused. */
  removeMember(p: ChainableCommander, orgId: string, userId: number, supervisors: number[], workers: number[]): void {
    p.hdel(this.keys.members(orgId), String(userId));
    p.del(this.keys.membership(userId), this.keys.supervisorsOf(userId), this.keys.workersOf(userId));
    // their reminders stop too (as for a user who blocked the bot); writing to the bot again after
    // rejoining lifts it
    p.set(this.keys.blocked(userId), 'removed');
    for (const s of supervisors) p.srem(this.keys.workersOf(s), String(userId));
    for (const w of workers) p.srem(this.keys.supervisorsOf(w), String(userId));
  }

  setRole(p: ChainableCommander, orgId: string, m: Member, role: Role): void {
    this.putMember(p, orgId, { ...m, role });
  }

  assign(p: ChainableCommander, workerId: number, supervisorId: number): void {
    p.sadd(this.keys.supervisorsOf(workerId), String(supervisorId));
    p.sadd(this.keys.workersOf(supervisorId), String(workerId));
  }

  unassign(p: ChainableCommander, workerId: number, supervisorId: number): void {
    p.srem(this.keys.supervisorsOf(workerId), String(supervisorId));
    p.srem(this.keys.workersOf(supervisorId), String(workerId));
  }

  putInvite(p: ChainableCommander, orgId: string, invite: Invite): void {
    p.hset(this.keys.invites(orgId), invite.secret, JSON.stringify(invite));
  }

  audit(p: ChainableCommander, orgId: string, e: AuditEntry): void {
    p.xadd(this.keys.audit(orgId), 'MAXLEN', '~', String(AUDIT_KEEP), '*', 'at', e.at, 'by', String(e.by), 'action', e.action, 'detail', JSON.stringify(e.detail));
  }

  /** Uses an invitation once, atomically: two people racing for a single-use link, one wins. */
  async consumeInvite(orgId: string, secret: string, nowIso: string): Promise<Invite | 'unknown' | 'revoked' | 'expired' | 'used'> {
    const r = (await this.redis.eval(CONSUME, 1, this.keys.invites(orgId), secret, nowIso)) as string;
    return r.startsWith('{') ? (JSON.parse(r) as Invite) : (r as 'unknown');
  }

  async recentAudit(orgId: string, count: number): Promise<AuditEntry[]> {
    const rows = await this.redis.xrevrange(this.keys.audit(orgId), '+', '-', 'COUNT', count);
    return rows.map(([, fields]) => {
      const f: Record<string, string> = {};
      for (let i = 0; i < fields.length; i += 2) f[fields[i]!] = fields[i + 1]!;
      return { at: f.at ?? '', by: Number(f.by), action: f.action ?? '', detail: JSON.parse(f.detail ?? '{}') as Record<string, string> };
    });
  }
}
