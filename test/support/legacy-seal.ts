// Values as an older version stored them, for the tests of reading and migrating old data: sealed
// without a binding to their place ("v1", before src/store/crypto.ts bound each value to its key
// and field). Written here by hand, as that version's code did, so nothing in src/ can make one.
import { createCipheriv, randomBytes } from 'node:crypto';
import { DataCipher } from '../../src/store/crypto.ts';

export function legacySeal(key: Buffer, value: unknown): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const data = Buffer.concat([cipher.update(Buffer.from(JSON.stringify(value), 'utf8')), cipher.final()]);
  return `v1.${DataCipher.keyId(key)}.${iv.toString('base64url')}.${cipher.getAuthTag().toString('base64url')}.${data.toString('base64url')}`;
}
