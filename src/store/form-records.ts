// An organisation's published Word form, one hash under the organisation (keys.orgForm): `meta`, the
// few facts the bot's screens read (the update's read asks for this field alone), and `docx`, the
// file the export worker fills. The file is kept as base64 text: it is written by the publishing
// update's unit of work, whose writes outside the user's slot travel as a sealed effect entry of
// string arguments (src/store/effects.ts), so raw bytes cannot ride along. The form is capped at
// 1 MB as sent (src/export/form-file.ts), so at most about 1.4 MB in Redis per organisation.
import type { ChainableCommander } from 'ioredis';
import type { Keys } from './keys.ts';
import type { RedisClient } from './redis-connection.ts';

export interface FormMeta {
  fileName: string;
  bytes: number;
  publishedAt: string;
  by: number;
}

export function parseFormMeta(raw: string | null | undefined): FormMeta | undefined {
  if (!raw) return undefined;
  try {
    const m = JSON.parse(raw) as Partial<FormMeta>;
    return typeof m.fileName === 'string' && typeof m.publishedAt === 'string' ? (m as FormMeta) : undefined;
  } catch {
    return undefined;
  }
}

/** The writes of publishing (replacing any earlier form). */
export function writeForm(p: ChainableCommander, keys: Keys, orgId: string, meta: FormMeta, docx: Buffer): void {
  p.hset(keys.orgForm(orgId), 'meta', JSON.stringify(meta), 'docx', docx.toString('base64'));
}

export function removeForm(p: ChainableCommander, keys: Keys, orgId: string): void {
  p.del(keys.orgForm(orgId));
}

/** Whether the organisation has a form, for a screen whose organisation is known only once read. */
export async function readFormMeta(redis: RedisClient, keys: Keys, orgId: string): Promise<FormMeta | undefined> {
  return parseFormMeta(await redis.hget(keys.orgForm(orgId), 'meta'));
}

/** The form to fill (the export worker). */
export async function readForm(redis: RedisClient, keys: Keys, orgId: string): Promise<{ meta: FormMeta; docx: Buffer } | undefined> {
  const [meta, docx] = await redis.hmget(keys.orgForm(orgId), 'meta', 'docx');
  const m = parseFormMeta(meta);
  return m && docx ? { meta: m, docx: Buffer.from(docx, 'base64') } : undefined;
}
