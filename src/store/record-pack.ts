// How cases and sessions are kept in Redis (issue #29): their JSON compressed with raw deflate and a
// frozen preset dictionary of what they repeat (src/store/record-dictionary.ts), then sealed as bytes
// (AES-256-GCM bound to its key and field: src/store/crypto.ts encryptBytes) and stored as bytes —
// read with ioredis' Buffer commands, never base64. The plaintext's first byte says how the rest is
// coded: deflated, or kept as it is where deflating does not pay (below), and a later dictionary is
// a new byte read beside these.
// Values written before are whole JSON sealed as text (v2, v1): still read, until
// `npm run rotate-key` converts them (src/privacy/rotate.ts).
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { isSealedBytes, type DataCipher } from './crypto.ts';
import { RECORD_DICTIONARY } from './record-dictionary.ts';

const DICTIONARY = Buffer.from(RECORD_DICTIONARY, 'utf8');
// Written with an 8 KB window (the dictionary fits in it) and a smaller hash, which zlib allocates at
// every call; 32 KB would find nothing more in a record of 1–3 KB. Read with zlib's full window, which
// opens a stream of any window (so the writer's may change without a new coding byte).
const DEFLATE = { dictionary: DICTIONARY, level: 6, windowBits: 13, memLevel: 6 } as const;
/** a case opens into ~1.5 KB of JSON: 4 KB output chunks, not zlib's 16 KB, allocated at every read */
const INFLATE = { dictionary: DICTIONARY, chunkSize: 4096 } as const;

/** the plaintext's first byte: the JSON as it is, or deflated with RECORD_DICTIONARY */
const AS_IS = Buffer.of(0);
const DEFLATED = Buffer.of(1);
/**
 * Below these many bytes of JSON a record is kept as it is. A case is deflated from 160 bytes (under
 * that deflate's own bytes outweigh what it saves): it is written when a note is saved, and is about
 * 4 times smaller. A session only from 2 KB — a draft that carries the note it revises, an uploaded
 * flow's text: it is written at every answer, and one deflate costs ~30 µs in Node's zlib however
 * short the input (measured: bench/note-memory.ts), more than the ~1 KB it would save is worth there.
 */
export const DEFLATE_FROM = { case: 160, session: 2048 } as const;
export type RecordKind = keyof typeof DEFLATE_FROM;

/** A case or a session's JSON, sealed as bytes for the value at `key` (and `field`). */
export function sealRecordJson(cipher: DataCipher, kind: RecordKind, json: string, key: string, field: string): Buffer {
  const plain = Buffer.from(json, 'utf8');
  const coded = plain.length < DEFLATE_FROM[kind] ? Buffer.concat([AS_IS, plain]) : Buffer.concat([DEFLATED, deflateRawSync(plain, DEFLATE)]);
  return cipher.encryptBytes(coded, key, field);
}

export function sealRecord(cipher: DataCipher, kind: RecordKind, value: unknown, key: string, field: string): Buffer {
  return sealRecordJson(cipher, kind, JSON.stringify(value), key, field);
}

/** A stored case or session as JSON: bytes (as read with a Buffer command), or a text format of
 *  before (as a string, or its bytes). Throws SealedValueError where it was not sealed for there, and
 *  an Error for a coding byte this version does not read (written by a later one). */
export function openRecordJson(cipher: DataCipher, sealed: string | Buffer, key: string, field: string): string {
  if (!isSealedBytes(sealed)) return cipher.decrypt(String(sealed), key, field);
  const coded = cipher.decryptBytes(sealed, key, field);
  const body = coded.subarray(1);
  if (coded[0] === 0) return body.toString('utf8');
  if (coded[0] === 1) return inflateRawSync(body, INFLATE).toString('utf8');
  throw new Error(`a record at ${key} ${field} coded as ${String(coded[0])}, which this version does not read`);
}

export function openRecord<T>(cipher: DataCipher, sealed: string | Buffer, key: string, field: string): T {
  return JSON.parse(openRecordJson(cipher, sealed, key, field)) as T;
}

/** A hash of records opened, each bound to the hash's key and its own field. */
export function openRecords<T>(cipher: DataCipher, key: string, hash: Record<string, string | Buffer>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const [field, sealed] of Object.entries(hash)) out[field] = openRecord<T>(cipher, sealed, key, field);
  return out;
}
