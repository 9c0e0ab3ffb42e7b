// Applies an update's effect entry after its compare-and-set recorded it (src/store/effects.ts):
// the writes elsewhere, then the messages to other users into the outbox, then the entry is dropped.
// The sweeper does the same for entries a crashed process left behind.
import type { Logger } from 'pino';
import type { Outbox } from './outbox-messages.ts';
import { EffectApplier, type EffectEntry } from './effects.ts';
import { scanAll } from './redis-connection.ts';
import type { WorkspaceStore } from './workspace-store.ts';

/** Entries younger than this belong to the process that wrote them (it applies them in a moment). */
const SWEEP_MIN_AGE_MS = 30_000;

export class EffectRelay {
  private readonly applier: EffectApplier;

  private readonly store: WorkspaceStore<unknown>;

  private readonly outbox: Outbox;


  constructor(

    store: WorkspaceStore<unknown>,

    outbox: Outbox,

  ) {

    this.store = store;

    this.outbox = outbox;
    this.applier = new EffectApplier(store.redis);
  }

  /** Sealed for the user's effects list (the entry goes nowhere else). */
  seal(userId: number, entry: EffectEntry): string {
    return this.store.cipher.seal(entry, this.store.keys.effects(userId));
  }

  /** As apply, right after the write: a failure is logged and left to the sweeper, never the user's problem. */
  async applyAfterWrite(userId: number, entry: EffectEntry, sealed: string, log: Logger): Promise<void> {
    try {
      await this.apply(userId, entry, sealed);
    } catch (err) {
      log.error({ entry: entry.id, err }, 'effects of a written update not applied yet; the sweeper retries');
    }
  }

  /** Writes, then messages (each guarded, so a second run writes and sends nothing more), then drops the entry. */
  async apply(userId: number, entry: EffectEntry, sealed: string): Promise<void> {
    await this.applier.apply(entry);
    if (entry.messages.length) await this.outbox.send(entry.messages);
    await this.store.redis.lrem(this.store.keys.effects(userId), 1, sealed);
  }

  /** Applies every entry older than `minAgeMs` (a process crashed between its write and applying it). */
  async sweep(now: number, log: Logger, minAgeMs = SWEEP_MIN_AGE_MS): Promise<number> {
    let applied = 0;
    for await (const found of scanAll(this.store.redis, this.store.keys.allEffects)) {
      for (const key of found) {
        const userId = Number(/\{u:(\d+)\}/.exec(key)?.[1]);
        if (!Number.isSafeInteger(userId)) continue;
        for (const sealed of await this.store.redis.lrange(key, 0, -1)) {
          const entry = this.store.cipher.open<EffectEntry>(sealed, key);
          if (now - entry.at < minAgeMs) continue;
          try {
            await this.apply(userId, entry, sealed);
            applied++;
          } catch (err) {
            log.error({ userId, entry: entry.id, err }, 'could not apply a left-over effect entry; retried at the next sweep');
          }
        }
      }
    }
    if (applied) log.warn({ applied }, 'applied effect entries a stopped process had left');
    return applied;
  }
}
