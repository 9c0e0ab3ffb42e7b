// Encryption at rest for client data: AES-256-GCM. The ciphertext names the key that made it
// ("v2.<keyId>.<iv>.<tag>.<data>", base64url), so keys can be rotated: new writes use the first key,
// reads find theirs by id. Each value is bound to where it is stored — its Redis key from the hash
// tag on (`{u:12}:notes:abc`, so a renamed REDIS_PREFIX still reads) and, in a hash, its field — as
// GCM's additional authenticated data: a sealed value copied to another key or field (another
// user's note pasted into one's own keys, with write access to Redis) no longer opens.
// "v1" values, written before values were bound, are read until `npm run rotate-key` has re-sealed
// them all (src/privacy/rotate.ts), then refused (`refuseUnbound`).
import { createCipheriv, createDecipheriv, createHash, createSecretKey, randomFillSync, type KeyObject } from 'node:crypto';

/** IVs are drawn from the CSPRNG this many at a time: one call per 512 seals instead of one each. */
const IVS_PER_FILL = 512;
const IV_BYTES = 12;

/** The format written; FORMATS lists every one read. */
export const SEALED_FORMAT = 'v2';
/** Bytes sealed (a compressed note): bound as v2, stored as bytes; their first byte. A text format
 *  begins with "v" (0x76), so the two never read as each other. */
const BYTES_HEAD = Buffer.of(0x03);
/** where the ciphertext begins: the head, key id, IV and tag before it */
const BYTES_DATA = 1 + 6 + 12 + 16;

/** Whether a stored value is sealed bytes (encryptBytes), not a text format. */
export function isSealedBytes(value: string | Buffer): value is Buffer {
  return typeof value !== 'string' && value.length > 0 && value[0] === 0x03;
}

/** A value that does not open where it was read: tampered with, moved, or under an unknown key. */
export class SealedValueError extends Error {
  override readonly name = 'SealedValueError';
}

/** What a value is bound to: its key from the hash tag on, and its field ('' for a string or a list element). */
function bindingOf(key: string, field = ''): Buffer {
  const tag = key.indexOf('{');
  return Buffer.from(`${tag >= 0 ? key.slice(tag) : key}\n${field}`, 'utf8');
}

export class DataCipher {
  // KeyObjects: a cipher made from one skips copying and checking the raw key each time
  private readonly keys = new Map<string, KeyObject>();
  private readonly current: { id: string; key: KeyObject };
  /** random bytes for the next IVs; each 12-byte slice is used once, then a fresh buffer is filled */
  private ivPool = Buffer.alloc(0);
  private ivAt = 0;
  /** unbound (v1) values are still read: false once every stored value was re-sealed */
  private unboundAllowed = true;

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

  get currentKeyId(): string {
    return this.current.id;
  }

  /** After the migration re-sealed every value: a value not bound to its place is refused. */
  refuseUnbound(): void {
    this.unboundAllowed = false;
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

  /** Seals `plain` for the value at `key` (and `field`, in a hash). */
  encrypt(plain: string, key: string, field?: string): string {
    const iv = this.nextIv();
    const cipher = createCipheriv('aes-256-gcm', this.current.key, iv);
    cipher.setAAD(bindingOf(key, field));
    // bytes in, bytes out, one encoding at the end (measured cheaper than the cipher's own string
    // encodings); GCM is a stream mode, so final() adds no bytes
    const data = cipher.update(Buffer.from(plain, 'utf8'));
    cipher.final();
    return `${SEALED_FORMAT}.${this.current.id}.${iv.toString('base64url')}.${cipher.getAuthTag().toString('base64url')}.${data.toString('base64url')}`;
  }

  /**
   * Seals bytes (a compressed note, src/store/note-pack.ts) for the value at `key` (and `field`),
   * bound like v2, as bytes: 0x03, the key id (6 bytes), the IV (12), the tag (16), the ciphertext.
   * Stored as they are (ioredis Buffer commands): no base64.
   */
  encryptBytes(plain: Buffer, key: string, field?: string): Buffer {
    const iv = this.nextIv();
    const cipher = createCipheriv('aes-256-gcm', this.current.key, iv);
    cipher.setAAD(bindingOf(key, field));
    const data = cipher.update(plain);
    cipher.final();
    return Buffer.concat([BYTES_HEAD, Buffer.from(this.current.id, 'base64url'), iv, cipher.getAuthTag(), data]);
  }

  /** Opens bytes sealed by encryptBytes, read at `key` (and `field`). */
  decryptBytes(sealed: Buffer, key: string, field?: string): Buffer {
    if (!isSealedBytes(sealed) || sealed.length < BYTES_DATA) throw new SealedValueError(`not sealed bytes (at ${key}${field ? ` ${field}` : ''})`);
    const keyId = sealed.subarray(1, 7).toString('base64url');
    const secret = this.keys.get(keyId);
    if (!secret) throw new SealedValueError(`no data key with id ${keyId} (was DATA_KEY changed without keeping the old one?)`);
    const decipher = createDecipheriv('aes-256-gcm', secret, sealed.subarray(7, 19));
    decipher.setAAD(bindingOf(key, field));
    decipher.setAuthTag(sealed.subarray(19, BYTES_DATA));
    const plain = decipher.update(sealed.subarray(BYTES_DATA));
    try {
      decipher.final();
    } catch {
      throw new SealedValueError(`a value at ${key}${field ? ` ${field}` : ''} does not open there: damaged, or sealed for another place`);
    }
    return plain;
  }

  /** Opens a value read at `key` (and `field`); throws SealedValueError if it was not sealed for there. */
  decrypt(sealed: string, key: string, field?: string): string {
    const [version, keyId, iv, tag, data] = sealed.split('.');
    if ((version !== 'v2' && version !== 'v1') || !keyId || !iv || !tag || data === undefined) throw new SealedValueError(`not an encrypted value (at ${key}${field ? ` ${field}` : ''})`);
    if (version === 'v1' && !this.unboundAllowed) throw new SealedValueError(`an unbound (v1) value at ${key}${field ? ` ${field}` : ''}, after every value was re-sealed`);
    const secret = this.keys.get(keyId);
    if (!secret) throw new SealedValueError(`no data key with id ${keyId} (was DATA_KEY changed without keeping the old one?)`);
    const decipher = createDecipheriv('aes-256-gcm', secret, Buffer.from(iv, 'base64url'));
    if (version === 'v2') decipher.setAAD(bindingOf(key, field));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    const plain = decipher.update(Buffer.from(data, 'base64url'));
    // final() checks the tag (a forged, damaged or moved value fails) before anything is returned
    try {
      decipher.final();
    } catch {
      throw new SealedValueError(`a value at ${key}${field ? ` ${field}` : ''} does not open there: damaged, or sealed for another place`);
    }
    return plain.toString('utf8');
  }

  seal(value: unknown, key: string, field?: string): string {
    return this.encrypt(JSON.stringify(value), key, field);
  }

  open<T>(sealed: string, key: string, field?: string): T {
    return JSON.parse(this.decrypt(sealed, key, field)) as T;
  }

  /** A hash's sealed values opened, each bound to the hash's key and its own field. */
  openHash<T>(key: string, hash: Record<string, string>): Record<string, T> {
    const out: Record<string, T> = {};
    for (const [field, sealed] of Object.entries(hash)) out[field] = this.open<T>(sealed, key, field);
    return out;
  }

  /** A list's sealed elements opened, each bound to the list's key. */
  openList<T>(key: string, list: readonly string[]): T[] {
    return list.map((sealed) => this.open<T>(sealed, key));
  }

  /** Whether a stored value is sealed under the current key, in the current format (else rotate-key re-seals it). */
  isCurrent(sealed: string | Buffer): boolean {
    if (isSealedBytes(sealed)) return sealed.subarray(1, 7).toString('base64url') === this.current.id;
    return String(sealed).startsWith(`${SEALED_FORMAT}.${this.current.id}.`);
  }
}
