// Short random ids for cases, notes and activities: 10 base-36 characters (~51 bits).
import { randomBytes } from 'node:crypto';

export function newId(length = 10): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const b of bytes) out += (b % 36).toString(36);
  // a leading digit is fine for Redis and for callback data; keep it lower-case alphanumerics only
  return out;
}
