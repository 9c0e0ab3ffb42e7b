// A flow version's identity: the hash of its compiled form (canonical JSON, keys sorted). Two
// files that compile to the same flow have the same hash; any change to a question, an option, a
// condition or a text changes it. Stored in Redis as the version's address (src/catalog/flow-store.ts).
import { createHash } from 'node:crypto';
import type { Flow } from '../engine/types.ts';

export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function flowHash(flow: Flow): string {
  return createHash('sha256').update(canonicalJson(flow)).digest('hex').slice(0, 32);
}
