// The caseload index's own rules, against a real Redis: an alert raised again under its id keeps one
// entry (and its follow-up clears it); a month after the 31st is counted as the digest counts it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { createKeys } from '../../src/store/keys.ts';
import { DataCipher } from '../../src/store/crypto.ts';
import { WorkspaceStore } from '../../src/store/workspace-store.ts';
import { caseIndexOps } from '../../src/store/caseload-index.ts';
import type { CaseRecord } from '../../src/store/records.ts';
import type { RiskAlert } from '../../src/store/risk-records.ts';
import { intervalBefore } from '../../src/cases/schedule.ts';
import { DateTime } from 'luxon';
import { TEST_DATA_KEY, redisUrl } from '../support/bot-harness.ts';
import { deletePrefix } from '../support/redis.ts';

const prefix = `test-ix-${process.pid}:`;
const keys = createKeys(prefix);
let redis: Redis;
let store: WorkspaceStore<unknown>;
beforeAll(() => {
  redis = new Redis(redisUrl());
  store = new WorkspaceStore(redis, keys, new DataCipher([TEST_DATA_KEY]));
});
afterAll(async () => {
  await deletePrefix(redis, prefix);
  redis.disconnect();
});

const alert = (raisedAt: string): RiskAlert => ({ id: 'rid1abcd', orgId: 'o', workerId: 7, caseId: 'case1abc', client: 'Si (42)', workerName: 'Budi', flags: [], raisedAt, to: [] });

describe('risk alerts in the index', () => {
  it('an alert raised again under its id (a risk answer changed and changed back) is one entry, cleared by its follow-up', async () => {
    const p = redis.pipeline();
    store.writeRisk(p, 7, 'o', 'case1abc', 'rid1abcd', { alert: alert('2025-03-14T03:00:00Z') });
    store.writeRisk(p, 7, 'o', 'case1abc', 'rid1abcd', { alert: alert('2025-03-14T03:05:00Z') });
    await p.exec();
    expect(await redis.zrange(keys.caseload(7, 'o', 'risks'), 0, -1)).toEqual([`case1abc/rid1abcd/${Date.parse('2025-03-14T03:05:00Z')}`]);
    const q = redis.pipeline();
    store.writeRisk(q, 7, 'o', 'case1abc', 'rid1abcd', { taken: { by: 1, byName: 'Rina', at: '2025-03-14T04:00:00Z' } });
    await q.exec();
    expect(await redis.zcard(keys.caseload(7, 'o', 'untaken'))).toBe(0);
    expect(await redis.zcard(keys.caseload(7, 'o', 'risks'))).toBe(1);
    const r = redis.pipeline();
    store.writeRisk(r, 7, 'o', 'case1abc', 'rid1abcd', { done: { by: 1, byName: 'Rina', at: '2025-03-14T05:00:00Z', note: 'ok' } });
    await r.exec();
    expect(await redis.zcard(keys.caseload(7, 'o', 'risks'))).toBe(0);
  });
});

describe('overdue, as the digest and the reminders count it', () => {
  for (const [last, cadence] of [['2025-01-31T10:00:00Z', 'monthly'], ['2025-03-31T23:00:00Z', 'monthly'], ['2025-01-15T10:00:00Z', 'monthly'], ['2025-03-01T10:00:00Z', 'weekly'], ['2025-03-01T10:00:00Z', 'biweekly']] as const) {
    it(`${cadence}, last held ${last}`, () => {
      const c = { id: 'case1abc', status: 'active', flowId: 'f', stageId: 's', createdAt: last, lastHeldAt: last, monitoring: { cadence } } as CaseRecord;
      const op = caseIndexOps(keys, 7, 'o', c.id, c, () => undefined).find((o) => o[1] === keys.caseload(7, 'o', 'overdue'))!;
      const at = Number(op[2]);
      // the digest's rule: overdue once the last held contact is at or before now minus the interval
      const overdue = (ms: number) => DateTime.fromISO(last) <= intervalBefore(cadence, DateTime.fromMillis(ms, { zone: 'utc' }));
      expect(overdue(at)).toBe(true);
      expect(overdue(at - 1)).toBe(false);
    });
  }
});
