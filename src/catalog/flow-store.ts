// Flow versions in Redis, and the in-memory registry kept in step with them.
//
// Every version ever loaded or published is stored once, addressed by the hash of its compiled form
// (`{flows}:blob:<hash>`, SET NX), with an index "<id>@<version>" → hash (HSETNX: a version, once
// written, never changes). Organisations' published flows and hidden built-ins live under their own
// `{o:<org>}` tag, listed in `{flows}:orgs`.
//
// Why a registry in memory, refreshed in the background: every bot update may read Redis once, and
// it already spends that read on the user's workspace. So the flows are in memory; a publish raises
// `{flows}:epoch`, and every instance checks that counter every few seconds (one GET, not per
// update) and reloads what changed. An update naming a flow version this instance does not know yet
// (a draft started on another instance seconds after a publish) loads it on the spot: an extra read
// only then (`ensure`).
import type { ChainableCommander } from 'ioredis';
import type { Logger } from 'pino';
import { FlowError, type CompiledFile } from '../engine/flow-compiler.ts';
import type { Flow } from '../engine/types.ts';
import type { Keys } from '../store/keys.ts';
import type { RedisClient } from '../store/redis-connection.ts';
import { slotPipeline } from '../store/slot-pipeline.ts';
import type { Catalog, OrgFlowEntry, OrgFlowSettings } from './catalog.ts';
import { describeChange } from './flow-diff.ts';
import { flowHash } from './flow-hash.ts';

/** How often an instance checks whether another one published or retired a flow. */
const REFRESH_MS = 3_000;
/** A miss (an unknown version named by an update) reloads at most this often. */
const MISS_RELOAD_MS = 1_000;

export class FlowStore {
  private epoch: string | null = null;
  private timer: NodeJS.Timeout | undefined;
  private lastMissReload = 0;
  private readonly hashes = new Map<string, string>();

  private readonly redis: RedisClient;

  private readonly keys: Keys;

  readonly catalog: Catalog;

  private readonly logger?: Logger;


  constructor(

    redis: RedisClient,

    keys: Keys,

    catalog: Catalog,

    logger?: Logger,

  ) {

    this.redis = redis;

    this.keys = keys;

    this.catalog = catalog;

    this.logger = logger;
    catalog.attach(this);
  }

  /**
   * At start-up: each file's flow is compared with the version stored under its id and number; a
   * different content under the same number refuses start-up (FlowError, one line per flow).
   * Then every file version not stored yet is written, once. `files` are the built-in flows, current
   * and frozen earlier ones.
   */
  async syncBuiltins(files: CompiledFile[]): Promise<void> {
    if (files.length === 0) return;
    const hashes = files.map((f) => flowHash(f.flow));
    const stored = (await this.redis.hmget(this.keys.flowIndex, ...files.map((f) => ref(f.flow)))) as (string | null)[];
    const changed = files.map((f, i) => ({ f, hash: hashes[i]!, was: stored[i] })).filter((x) => x.was && x.was !== x.hash);
    if (changed.length > 0) {
      const blobs = await this.redis.mget(...changed.map((x) => this.keys.flowBlob(x.was!)));
      throw new FlowError(
        changed.map((x, i) => {
          const before = blobs[i] ? (JSON.parse(blobs[i]!) as Flow) : undefined;
          const what = before ? describeChange(before, x.f.flow) : 'content changed';
          return `${x.f.file}: flow "${x.f.flow.id}" version ${x.f.flow.version} changed (${what}) — raise version to ${x.f.flow.version + 1}`;
        }),
      );
    }
    const p = this.redis.pipeline();
    files.forEach((f, i) => {
      if (stored[i]) return;
      this.writeVersion(p, f.flow, hashes[i]!);
    });
    if (p.length > 0) await exec(p);
    files.forEach((f, i) => this.hashes.set(ref(f.flow), hashes[i]!));
  }

  /** Queues a version's write: its content once, its index entry once. */
  writeVersion(p: ChainableCommander, flow: Flow, hash = flowHash(flow)): void {
    p.set(this.keys.flowBlob(hash), JSON.stringify(flow), 'NX');
    p.hsetnx(this.keys.flowIndex, ref(flow), hash);
  }

  /** Queues an organisation's flow settings and the epoch raise that makes other instances reload. */
  writeOrgFlow(p: ChainableCommander, orgId: string, entry: OrgFlowEntry): void {
    p.hset(this.keys.orgFlows(orgId), entry.fileId, JSON.stringify(entry));
    p.sadd(this.keys.flowOrgs, orgId);
    p.incr(this.keys.flowEpoch);
  }

  writeHidden(p: ChainableCommander, orgId: string, flowId: string, hidden: boolean): void {
    if (hidden) p.sadd(this.keys.orgHiddenFlows(orgId), flowId);
    else p.srem(this.keys.orgHiddenFlows(orgId), flowId);
    p.sadd(this.keys.flowOrgs, orgId);
    p.incr(this.keys.flowEpoch);
  }

  /** Reads every version and every organisation's settings into the registry (start-up, refresh). */
  /** `strict` (start-up): a version the index names whose content is gone stops it; later (a
   *  refresh), it is logged and the rest loaded, so publishing goes on. */
  async load(strict = false): Promise<void> {
    const p = this.redis.pipeline();
    p.get(this.keys.flowEpoch);
    p.hgetall(this.keys.flowIndex);
    p.smembers(this.keys.flowOrgs);
    const [epoch, index, orgIds] = (await exec(p)) as [string | null, Record<string, string>, string[]];
    const missing = Object.entries(index).filter(([r]) => !this.catalog.has(...parseRef(r)));
    // flow blobs ({flows}) and organisations' settings ({o:<id>}): one round trip per slot
    const q = slotPipeline(this.redis);
    for (const [, hash] of missing) q.get(this.keys.flowBlob(hash));
    for (const org of orgIds) {
      q.hgetall(this.keys.orgFlows(org));
      q.smembers(this.keys.orgHiddenFlows(org));
    }
    const results = q.length > 0 ? await exec(q) : [];
    // every version ever used must be there: notes keep their answers only, and read their wording
    // from their own version (src/cases/note-codec.ts) — a lost one is said at start-up, not shown blank
    const lost = missing.filter((_, i) => !results[i]);
    if (lost.length) {
      const lines = lost.map(([r, hash]) => `flow version ${r} is in the registry's index but its content (${this.keys.flowBlob(hash)}) is gone: notes written in it cannot be read — restore it from a backup`);
      if (strict) throw new FlowError(lines);
      this.logger?.error({ lost: lost.map(([r]) => r) }, lines[0]!);
    }
    missing.forEach(([r, hash], i) => {
      if (!results[i]) return;
      this.catalog.add(JSON.parse(results[i] as string) as Flow);
      this.hashes.set(r, hash);
    });
    const orgs = new Map<string, OrgFlowSettings>();
    orgIds.forEach((org, i) => {
      const flows = results[missing.length + 2 * i] as Record<string, string>;
      const hidden = results[missing.length + 2 * i + 1] as string[];
      orgs.set(org, {
        flows: Object.fromEntries(Object.entries(flows).map(([k, v]) => [k, JSON.parse(v) as OrgFlowEntry])),
        hidden,
      });
    });
    this.catalog.setOrgs(orgs);
    this.epoch = epoch;
  }

  /** Reloads when the epoch moved (one GET when nothing changed). */
  async refresh(): Promise<boolean> {
    const epoch = await this.redis.get(this.keys.flowEpoch);
    if (epoch === this.epoch) return false;
    await this.load();
    return true;
  }

  /** Makes sure a version is known: when it is not, reloads (at most once a second). */
  async ensure(id: string, version: number | undefined): Promise<boolean> {
    const known = () => (version === undefined ? this.catalog.get(id) !== undefined : this.catalog.has(id, version));
    if (known()) return true;
    const now = Date.now();
    if (now - this.lastMissReload < MISS_RELOAD_MS) return false;
    this.lastMissReload = now;
    await this.load();
    return known();
  }

  /** Checks for changes every REFRESH_MS until stopped; an error is logged, the next tick tries again. */
  startRefreshing(everyMs = REFRESH_MS): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.refresh().catch((err: unknown) => this.logger?.warn({ err }, 'flow registry refresh failed'));
    }, everyMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  hashOf(flow: Flow): string {
    return this.hashes.get(ref(flow)) ?? flowHash(flow);
  }
}

function ref(flow: Flow): string {
  return `${flow.id}@${flow.version}`;
}

function parseRef(r: string): [string, number] {
  const at = r.lastIndexOf('@');
  return [r.slice(0, at), Number(r.slice(at + 1))];
}

async function exec(p: ChainableCommander): Promise<unknown[]> {
  const results = (await p.exec()) ?? [];
  return results.map(([err, v]) => {
    if (err) throw err;
    return v;
  });
}
