// Encryption at rest for client data: AES-256-GCM. The ciphertext names the key that made it
// ("v1.<keyId>.<iv>.<tag>.<data>", base64url), so keys can be rotated: new writes use the first key,
// reads find theirs by id.
import { createCipheriv, createDecipheriv, createHash, createSecretKey, randomFillSync, type KeyObject } from 'node:crypto';

/** IVs are drawn from the CSPRNG this many at a time: one call per 512 seals instead of one each. */
const IVS_PER_FILL = 512;
const IV_BYTES = 12;

export class DataCipher {
  // KeyObjects: a cipher made from one skips copying and checking the raw key each time
  private readonly keys = new Map<string, KeyObject>();
  private readonly current: { id: string; key: KeyObject };
  /** random bytes for the next IVs; each 12-byte slice is used once, then a fresh buffer is filled */
  private ivPool = Buffer.alloc(0);
  private ivAt = 0;

  /** `keys`: 32-byte keys, the first encrypts, all decrypt. */
  constructor(keys: Buffer[]) {
    if (keys.length === 0) throw new Error('DataCipher needs at least one key');
    for (const key of keys) {
      if (key.length !== 32) throw new Error('a data key must be 32 bytes (base64 of 32 random bytes)');
      this.keys.set(DataCipher.keyId(key), createSecretKey(key));
    }
    const id = DataCipher.keyId(keys[0]!);
    this.current = { id, key: this.keys.get(id)! };
  }

  /** A short, non-secret fingerprint of a key. */
  static keyId(key: Buffer): string {
    return createHash('sha256').update(key).digest('base64url').slice(0, 8);
  }

  /** A fresh random IV. A new pool buffer per fill (never refilled in place), so a slice handed out
   *  is never overwritten. */
  private nextIv(): Buffer {
    if (this.ivAt + IV_BYTES > this.ivPool.length) {
      this.ivPool = randomFillSync(Buffer.allocUnsafeSlow(IV_BYTES * IVS_PER_FILL));
      this.ivAt = 0;
    }
    const iv = this.ivPool.subarray(this.ivAt, this.ivAt + IV_BYTES);
    this.ivAt += IV_BYTES;
    return iv;
  }

  encrypt(plain: string): string {
    const iv = this.nextIv();
    const cipher = createCipheriv('aes-256-gcm', this.current.key, iv);
    // bytes in, bytes out, one encoding at the end (measured cheaper than the cipher's own string
    // encodings); GCM is a stream mode, so final() adds no bytes
    const data = cipher.update(Buffer.from(plain, 'utf8'));
    cipher.final();
    return `v1.${this.current.id}.${iv.toString('base64url')}.${cipher.getAuthTag().toString('base64url')}.${data.toString('base64url')}`;
  }

  decrypt(sealed: string): string {
    const [version, keyId, iv, tag, data] = sealed.split('.');
    if (version !== 'v1' || !keyId || !iv || !tag || data === undefined) throw new Error('not an encrypted value');
    const key = this.keys.get(keyId);
    if (!key) throw new Error(`no data key with id ${keyId} (was DATA_KEY changed without keeping the old one?)`);
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    const plain = decipher.update(Buffer.from(data, 'base64url'));
    // final() checks the tag (throws on a forged or damaged value) before anything is returned
    decipher.final();
    return plain.toString('utf8');
  }

  seal(value: unknown): string {
    return this.encrypt(JSON.stringify(value));
  }

  open<T>(sealed: string): T {
    return JSON.parse(this.decrypt(sealed)) as T;
  }
}
