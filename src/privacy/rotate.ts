// Re-sealing every stored value under the current DATA_KEY and in the current format, while the bot
// runs: a key rotation (values under an older key), and the upgrades of stored data — values sealed
// before they were bound to their place (v1, src/store/crypto.ts), staff names stored in clear, and
// invitations stored under their secret (src/org/invitations.ts: only a hash is kept now). SCAN over
// every key under the prefix, a page at a time; each value that needs it is converted and written
// back with a compare-and-set Lua (only if the value is still the one read), so a concurrent write
// of the bot — already current — is never overwritten. Covers strings, hash fields, list elements,
// and sealed values inside JSON hash fields (BullMQ outbox jobs keep the message in `data` as
// {"sealed": …}). After each page the SCAN cursor is kept in a checkpoint key ({rot}:checkpoint):
// a crash resumes from the last finished page (a page redone converts nothing twice — its values
// are current already). SCAN returns every key that exists for the whole scan, so a resumed scan
// still sees each one. A final read-only pass counts what is left; when nothing is, the checkpoint
// records it (`sealed`), and from the next start the bot refuses a value not bound to its place.
import type { Redis } from 'ioredis';
import { DataCipher, isSealedBytes, SEALED_FORMAT } from '../store/crypto.ts';
import { NoteSealer, type NoteCodec } from '../store/note-pack.ts';
import { sealRecordJson } from '../store/record-pack.ts';
import type { NoteRecord } from '../store/records.ts';
import type { Keys } from '../store/keys.ts';
import { LuaScript, type BoundScript } from '../store/lua-script.ts';
import { inviteIdOf } from '../org/invitations.ts';
import { outboxBinding } from '../outbox/outbox.ts';

const SEALED = /^v[12]\.[A-Za-z0-9_-]+\./;
/** a case's notes hash: its values become packed notes (src/store/note-pack.ts) */
const NOTES_KEY = /\}:notes:[^:]+$/;
/** a user's cases, and their session's data: compressed records as bytes (src/store/record-pack.ts) */
const RECORDS_KEY = /\{u:[^}]+\}:(?:cases|session)$/;
const SESSION_KEY = /\}:session$/;
const SEALED_IN_JSON = /"sealed":"(v[12]\.[A-Za-z0-9_.-]+)"/g;

// KEYS[1] = the key; ARGV[1] = kind (s string, h hash field, l list index, r a hash field renamed),
// ARGV[2] = field or index, ARGV[3] = the value read, ARGV[4] = the new value, ARGV[5] = the new
// field (r). 1 written, 0 changed meanwhile (left alone).
const CAS = new LuaScript<number>(new URL('./lua/rotate-cas.lua', import.meta.url), { keys: 1 });

export interface RotationStats {
  scanned: number;
  converted: number;
  /** changed by someone else between read and write: left alone (the writer used the new key) */
  raced: number;
  /** sealed under a key this process does not have: cannot be read or converted */
  unreadable: number;
}

export interface RotateOptions {
  redis: Redis;
  keys: Keys;
  prefix: string;
  /** 32-byte keys, the current first (the one values are re-sealed with) */
  dataKeys: Buffer[];
  /** keys per SCAN page (COUNT) */
  batch?: number;
  /** called after each page's checkpoint */
  onPage?: (stats: RotationStats & { cursor: string }) => void | Promise<void>;
  /** notes are packed against their flow versions (src/cases/note-codec.ts): whole notes of before
   *  are packed as they are re-sealed; without it, notes are only re-sealed in their own format */
  notes?: NoteCodec;
}

interface Candidate {
  key: string;
  kind: 's' | 'h' | 'l' | 'r';
  field: string;
  /** (a packed note is bytes) */
  old: string | Buffer;
  next: string | Buffer;
  /** a hash field renamed (an invitation stored under its secret moves to the secret's hash) */
  rename?: string;
}

export class KeyRotation {
  private readonly cipher: DataCipher;
  readonly currentId: string;

  private readonly o: RotateOptions;
  private readonly cas: BoundScript<number>;
  private readonly notes: NoteSealer;

  constructor(o: RotateOptions) {
    this.o = o;
    this.cipher = new DataCipher(o.dataKeys);
    this.currentId = DataCipher.keyId(o.dataKeys[0]!);
    this.cas = CAS.on(o.redis);
    this.notes = new NoteSealer(this.cipher, o.notes);
  }

  /** A note as it is to be stored: packed (a whole one of before), or a packed one under the current key. */
  private note(value: Buffer, key: string, field: string, stats: RotationStats): string | Buffer | undefined {
    const packed = isSealedBytes(value as string | Buffer);
    const text = packed ? '' : value.toString('utf8');
    if (packed ? this.cipher.isCurrent(value) : !SEALED.test(text) || (!this.notes.packs && this.cipher.isCurrent(text))) return undefined;
    try {
      if (packed) return this.cipher.encryptBytes(this.cipher.decryptBytes(value, key, field), key, field);
      return this.notes.seal(this.cipher.open<NoteRecord>(text, key, field), key, field);
    } catch {
      stats.unreadable++;
      return undefined;
    }
  }

  /** A case or a session's data as it is to be stored: compressed bytes (from a text format of
   *  before), or bytes under the current key; undefined when it is current. */
  private record(value: Buffer, key: string, field: string, stats: RotationStats): Buffer | undefined {
    // (a text format is converted whatever its key)
    const bytes = isSealedBytes(value as string | Buffer);
    if (bytes && this.cipher.isCurrent(value)) return undefined;
    try {
      if (bytes) return this.cipher.encryptBytes(this.cipher.decryptBytes(value, key, field), key, field);
      const text = value.toString('utf8');
      if (!SEALED.test(text)) return undefined;
      return sealRecordJson(this.cipher, SESSION_KEY.test(key) ? 'session' : 'case', this.cipher.decrypt(text, key, field), key, field);
    } catch {
      stats.unreadable++;
      return undefined;
    }
  }

  /** A sealed value opened where it is stored and sealed again there, current; undefined when it is current. */
  private resealed(value: string, key: string, field: string, stats: RotationStats): string | undefined {
    if (this.cipher.isCurrent(value)) return undefined;
    try {
      return this.cipher.encrypt(this.cipher.decrypt(value, key, field), key, field);
    } catch {
      stats.unreadable++;
      return undefined;
    }
  }

  /** What a stored value becomes; undefined when it needs nothing. `field`: a hash's field ('' else). */
  private convert(key: string, field: string, value: string | Buffer, stats: RotationStats): { next: string | Buffer; rename?: string } | undefined {
    // a case's notes, a user's cases and session are read as bytes (the session's other fields are
    // ids and numbers in clear)
    if (Buffer.isBuffer(value)) {
      if (!field || (SESSION_KEY.test(key) && field !== 'data')) return undefined;
      const next = RECORDS_KEY.test(key) ? this.record(value, key, field, stats) : this.note(value, key, field, stats);
      return next ? { next } : undefined;
    }
    if (SEALED.test(value)) {
      const next = this.resealed(value, key, field, stats);
      return next ? { next } : undefined;
    }
    // a queued outbox job: its message is bound to the job's id (the key's last part)
    if (field === 'data' && key.includes('{bull}') && value.includes('"sealed":"v')) {
      const where = outboxBinding(key.slice(key.lastIndexOf(':') + 1));
      let changed = false;
      const out = value.replace(SEALED_IN_JSON, (whole, sealed: string) => {
        const next = this.resealed(sealed, where, '', stats);
        if (!next) return whole;
        changed = true;
        return `"sealed":"${next}"`;
      });
      return changed ? { next: out } : undefined;
    }
    if (!value.startsWith('{') || !field) return undefined;
    // a member, or a former member, stored in clear before staff names were sealed
    if (/\}:(?:members|departed)$/.test(key)) return { next: this.cipher.encrypt(value, key, field) };
    // an invitation stored under its secret: kept under the secret's hash, without the secret
    if (/\}:invites$/.test(key)) {
      const { secret, ...invite } = JSON.parse(value) as { secret?: unknown };
      if (typeof secret !== 'string') return undefined;
      const id = inviteIdOf(secret);
      return { next: JSON.stringify({ ...invite, id }), rename: id };
    }
    return undefined;
  }

  /** Reads one page of keys and finds the values to convert. */
  private async candidates(keys: string[], stats: RotationStats): Promise<Candidate[]> {
    const r = this.o.redis;
    const tp = r.pipeline();
    for (const k of keys) tp.type(k);
    const types = ((await tp.exec()) ?? []).map(([, t]) => String(t));
    const vp = r.pipeline();
    const read: { key: string; type: string }[] = [];
    keys.forEach((k, i) => {
      const type = types[i]!;
      if (type === 'string') vp.get(k);
      else if (type === 'hash' && (NOTES_KEY.test(k) || RECORDS_KEY.test(k))) vp.hgetallBuffer(k);
      else if (type === 'hash') vp.hgetall(k);
      else if (type === 'list') vp.lrange(k, 0, -1);
      else return;
      read.push({ key: k, type });
    });
    const values = ((await vp.exec()) ?? []).map(([, v]) => v);
    const out: Candidate[] = [];
    read.forEach(({ key, type }, i) => {
      const v = values[i];
      const consider = (kind: 's' | 'h' | 'l', field: string, old: string | Buffer) => {
        stats.scanned++;
        const found = this.convert(key, kind === 'h' ? field : '', old, stats);
        if (found) out.push({ key, kind: found.rename ? 'r' : kind, field, old, next: found.next, ...(found.rename ? { rename: found.rename } : {}) });
      };
      if (type === 'string' && typeof v === 'string') consider('s', '', v);
      else if (type === 'hash' && v) for (const [f, x] of Object.entries(v as Record<string, string | Buffer>)) consider('h', f, x);
      else if (type === 'list' && Array.isArray(v)) (v as string[]).forEach((x, j) => consider('l', String(j), x));
    });
    return out;
  }

  /** Converts every value, resuming from the checkpoint; returns this run's counts. */
  async run(): Promise<RotationStats> {
    const r = this.o.redis;
    const cp = await r.hgetall(this.o.keys.rotation);
    // a checkpoint of a rotation to another key starts over
    let cursor = cp.target === this.currentId && cp.cursor ? cp.cursor : '0';
    const stats: RotationStats = { scanned: 0, converted: 0, raced: 0, unreadable: 0 };
    const pattern = `${this.o.prefix.replace(/[*?[\]\\]/g, '\\$&')}*`;
    let first = true;
    while (first || cursor !== '0') {
      first = false;
      const [next, found] = await r.scan(cursor, 'MATCH', pattern, 'COUNT', this.o.batch ?? 500);
      const page = found.filter((k) => k !== this.o.keys.rotation);
      const todo = await this.candidates(page, stats);
      if (todo.length) {
        const p = r.pipeline();
        for (const c of todo) this.cas.queue(p, [c.key], [c.kind, c.field, c.old, c.next, c.rename ?? '']);
        const results = (await p.exec()) ?? [];
        results.forEach(([err, ok]) => {
          if (err) throw err;
          if (ok === 1) stats.converted++;
          else stats.raced++;
        });
      }
      cursor = next;
      await r.hset(this.o.keys.rotation, 'target', this.currentId, 'cursor', cursor, 'at', new Date().toISOString());
      await this.o.onPage?.({ ...stats, cursor });
    }
    await r.hset(this.o.keys.rotation, 'done', new Date().toISOString());
    return stats;
  }

  /** Records that nothing is left in an older format: from their next start the bot and the workers
   *  refuse a value not bound to its place (src/app/runtime.ts). */
  async markSealed(): Promise<void> {
    await this.o.redis.hset(this.o.keys.rotation, 'sealed', SEALED_FORMAT);
  }

  /** Read-only: how many values still need converting (another key, an older format). */
  async remaining(): Promise<number> {
    const r = this.o.redis;
    const pattern = `${this.o.prefix.replace(/[*?[\]\\]/g, '\\$&')}*`;
    let cursor = '0';
    let left = 0;
    const stats: RotationStats = { scanned: 0, converted: 0, raced: 0, unreadable: 0 };
    do {
      const [next, found] = await r.scan(cursor, 'MATCH', pattern, 'COUNT', this.o.batch ?? 500);
      cursor = next;
      left += (await this.candidates(found, stats)).length;
    } while (cursor !== '0');
    return left + stats.unreadable;
  }
}
