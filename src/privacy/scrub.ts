// What is left of a deleted case outside its owner's slot, removed right after the slot's script:
//  - BullMQ: the case's job scheduler (`case:<user>:<case>`), its occurrence, snooze, outbox and
//    export jobs (their ids or data name the case or its notes), and their entries in the queues'
//    lists, sorted sets and event streams. Found by what they name, so no BullMQ layout is assumed.
//  - the exactly-once guards of the notes' summaries and alerts in the supervisors' slots (their
//    job ids name the note).
//  - the AOF: a rewrite (BGREWRITEAOF) drops the deleted values from the file. Best effort: a
//    rewrite already running makes Redis schedule another one; RDB snapshots lose them at the next save.
import type { Logger } from 'pino';
import type { Keys } from '../store/keys.ts';
import { mastersOf, scanAll, type RedisClient } from '../store/redis-connection.ts';
import { unlinkAll } from '../store/slot-pipeline.ts';
import type { NoteRecord } from '../store/records.ts';

export interface ScrubDeps {
  redis: RedisClient;
  keys: Keys;
  logger: Logger;
  /** the reminder queues' scheduler removal, when the bot runs them (preferred to a raw delete) */
  removeJobScheduler?: (id: string) => Promise<unknown>;
}

const has = (s: string, needles: string[]): boolean => needles.some((n) => s.includes(n));

/** Removes every BullMQ key, member, field and stream entry that names one of `needles`. */
async function scrubQueues(redis: RedisClient, keys: Keys, needles: string[]): Promise<number> {
  if (needles.length === 0) return 0;
  const pattern = `${keys.bullPrefix.replace(/[*?[\]\\]/g, '\\$&')}*`;
  const doomed = new Set<string>();
  const containers: { key: string; type: string }[] = [];
  for await (const found of scanAll(redis, pattern, 1000)) {
    const named = found.filter((k) => has(k, needles));
    for (const k of named) doomed.add(k);
    const rest = found.filter((k) => !has(k, needles));
    if (rest.length === 0) continue;
    const p = redis.pipeline();
    for (const k of rest) p.type(k);
    const types = (await p.exec()) ?? [];
    rest.forEach((k, i) => containers.push({ key: k, type: String(types[i]?.[1] ?? 'none') }));
  }

  // job hashes whose data names the case (an export job holds its case id): the whole job goes
  const hashes = containers.filter((c) => c.type === 'hash');
  const byValue: string[] = [];
  for (let i = 0; i < hashes.length; i += 200) {
    const batch = hashes.slice(i, i + 200);
    const p = redis.pipeline();
    for (const h of batch) p.hgetall(h.key);
    const results = (await p.exec()) ?? [];
    batch.forEach((h, j) => {
      const fields = (results[j]?.[1] ?? {}) as Record<string, string>;
      if (Object.entries(fields).some(([f, v]) => has(f, needles) || has(v, needles))) {
        doomed.add(h.key);
        byValue.push(h.key);
      }
    });
  }
  // a job removed for its data (its key `<prefix>:<queue>:<job id>` does not name the case): its id,
  // as its queue's lists, sets and events name it
  const jobIds = byValue.map((k) => k.slice(keys.bullPrefix.length + 1).split(':').slice(1).join(':')).filter((id) => id.length >= 6);
  for (const k of byValue) for (const suffix of ['logs', 'lock']) doomed.add(`${k}:${suffix}`);
  const all = [...needles, ...jobIds];
  let removed = 0;
  for (const { key, type } of containers) {
    if (doomed.has(key)) continue;
    if (type === 'zset' || type === 'list' || type === 'set') {
      const members = type === 'zset' ? await redis.zrange(key, 0, -1) : type === 'list' ? await redis.lrange(key, 0, -1) : await redis.smembers(key);
      const hit = members.filter((m) => has(m, all));
      if (hit.length === 0) continue;
      removed += hit.length;
      if (type === 'zset') await redis.zrem(key, ...hit);
      else if (type === 'set') await redis.srem(key, ...hit);
      else for (const m of hit) await redis.lrem(key, 0, m);
    } else if (type === 'stream') {
      let start = '-';
      for (;;) {
        const rows = await redis.xrange(key, start, '+', 'COUNT', 1000);
        const hit = rows.filter(([, fields]) => fields.some((f) => has(f, all))).map(([id]) => id);
        if (hit.length) {
          removed += hit.length;
          await redis.xdel(key, ...hit);
        }
        if (rows.length < 1000) break;
        start = `(${rows[rows.length - 1]![0]}`;
      }
    }
  }
  const list = [...doomed];
  await unlinkAll(redis, list);
  return removed + list.length;
}

/** The summary and alert guards of these notes in the supervisors' slots (src/store/outbox-messages.ts). */
function outboxGuards(keys: Keys, ownerId: number, notes: Pick<NoteRecord, 'id' | 'version'>[], supervisors: number[]): string[] {
  const out: string[] = [];
  for (const sup of supervisors) {
    for (const n of notes) {
      for (let v = 1; v <= (n.version ?? 1); v++) {
        for (const kind of ['summary', 'alert']) out.push(keys.outboxSent(sup, `${kind}-${ownerId}-${n.id}-v${v}-${sup}`));
      }
    }
  }
  return out;
}

/** Asks Redis to rewrite its AOF, so deleted values are no longer in the file. Best effort. */
async function rewriteAof(redis: RedisClient, logger: Logger): Promise<'started' | 'aof-off' | 'failed'> {
  try {
    // on a cluster every master rewrites its own file
    let started = false;
    for (const node of await mastersOf(redis)) {
      const info = await node.info('persistence');
      if (!/aof_enabled:1/.test(info)) continue;
      await node.bgrewriteaof();
      started = true;
    }
    return started ? 'started' : 'aof-off';
  } catch (err) {
    // "Background append only file rewriting already in progress": Redis schedules none then;
    // the next deletion or Redis's own auto-rewrite will do it
    logger.warn({ err }, 'AOF rewrite not started');
    return 'failed';
  }
}

/** Everything of a deleted case outside its owner's slot. */
export async function scrubOutside(d: ScrubDeps, ownerId: number, caseId: string, notes: Pick<NoteRecord, 'id' | 'version'>[], supervisors: number[]): Promise<void> {
  const started = Date.now();
  await d.removeJobScheduler?.(`case:${ownerId}:${caseId}`).catch((err: unknown) => d.logger.warn({ err, caseId }, 'could not remove the reminder scheduler'));
  const guards = outboxGuards(d.keys, ownerId, notes, supervisors);
  // the guards live in several supervisors' slots: one UNLINK per slot on a cluster
  await unlinkAll(d.redis, guards);
  const removed = await scrubQueues(d.redis, d.keys, [caseId, ...notes.map((n) => n.id)]);
  const aof = await rewriteAof(d.redis, d.logger);
  d.logger.info({ caseId, removed, aof, ms: Date.now() - started }, 'case scrubbed outside its slot');
}
