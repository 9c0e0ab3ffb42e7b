// Encryption at rest for client data: AES-256-GCM. The ciphertext names the key that made it
// ("v1.<keyId>.<iv>.<tag>.<data>", base64url), so keys can be rotated: new writes use the first key,
// reads find theirs by id.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

export class DataCipher {
  private readonly keys = new Map<string, Buffer>();
  private readonly current: { id: string; key: Buffer };

  /** `keys`: 32-byte keys, the first encrypts, all decrypt. */
  constructor(keys: Buffer[]) {
    if (keys.length === 0) throw new Error('DataCipher needs at least one key');
    for (const key of keys) {
      if (key.length !== 32) throw new Error('a data key must be 32 bytes (base64 of 32 random bytes)');
      this.keys.set(DataCipher.keyId(key), key);
    }
    this.current = { id: DataCipher.keyId(keys[0]!), key: keys[0]! };
  }

  /** A short, non-secret fingerprint of a key. */
  static keyId(key: Buffer): string {
    return createHash('sha256').update(key).digest('base64url').slice(0, 8);
  }

  encrypt(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.current.key, iv);
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return ['v1', this.current.id, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join('.');
  }

  decrypt(sealed: string): string {
    const [version, keyId, iv, tag, data] = sealed.split('.');
    if (version !== 'v1' || !keyId || !iv || !tag || data === undefined) throw new Error('not an encrypted value');
    const key = this.keys.get(keyId);
    if (!key) throw new Error(`no data key with id ${keyId} (was DATA_KEY changed without keeping the old one?)`);
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
  }

  seal(value: unknown): string {
    return this.encrypt(JSON.stringify(value));
  }

  open<T>(sealed: string): T {
    return JSON.parse(this.decrypt(sealed)) as T;
  }
}
