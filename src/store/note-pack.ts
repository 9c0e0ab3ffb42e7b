// How a note is kept in Redis: its answers packed (src/cases/note-codec.ts: the wording comes back
// from the note's flow version), the JSON compressed with raw deflate and a preset dictionary of
// what notes repeat (field names, question ids, option values, words of the field), then sealed as
// bytes (AES-256-GCM, bound to its key and field like every sealed value: src/store/crypto.ts
// encryptBytes) and stored as bytes — read with ioredis' Buffer commands, never base64. Notes written
// before are whole JSON sealed as text (v2, v1): still read, until `npm run rotate-key` packs them.
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { isSealedBytes, type DataCipher } from './crypto.ts';
import type { AnswerValue } from '../engine/types.ts';
import type { NoteRecord } from './records.ts';
import { NOTE_DICTIONARY } from './note-dictionary.ts';

/** An item: its question id and value, and what reads otherwise than its flow version makes it. */
export type PackedItem = [id: string, value: AnswerValue | null, differs?: Record<string, unknown>];

export type PackedNote = Omit<NoteRecord, 'items' | 'previous' | 'stageTitle' | 'stageIndex' | 'stageCount'> &
  Partial<Pick<NoteRecord, 'stageTitle' | 'stageIndex' | 'stageCount'>> & {
    i: PackedItem[];
    p?: (Omit<NonNullable<NoteRecord['previous']>[number], 'items'> & { i: PackedItem[] })[];
  };

/** A note whose flow version this process does not know (yet: another instance may have just
 *  published it): never shown blank. Names the version, so a reader can load it and open again. */
export class FlowVersionMissingError extends Error {
  override readonly name = 'FlowVersionMissingError';
  readonly flowId: string;
  readonly version: number;
  constructor(message: string, flowId: string, version: number) {
    super(message);
    this.flowId = flowId;
    this.version = version;
  }
}

/** Packs a note against its flow version and back (src/cases/note-codec.ts: noteCodec). */
export interface NoteCodec {
  pack(n: NoteRecord): PackedNote;
  unpack(p: PackedNote): NoteRecord;
}

const DICTIONARY = Buffer.from(NOTE_DICTIONARY, 'utf8');
const DEFLATE = { dictionary: DICTIONARY, level: 6 } as const;
/** a note opens into ~2 KB of JSON: 4 KB output chunks, not zlib's 16 KB, allocated at every read */
const INFLATE = { dictionary: DICTIONARY, chunkSize: 4096 } as const;

/** Seals and opens notes: packed and compressed with a codec, whole JSON without one (tests of the store alone). */
export class NoteSealer {
  private readonly cipher: DataCipher;
  private readonly codec: NoteCodec | undefined;
  /** loads a flow version published elsewhere since this process read the registry (true: now known) */
  private readonly ensure: ((flowId: string, version: number) => Promise<boolean>) | undefined;

  constructor(cipher: DataCipher, codec?: NoteCodec, ensure?: (flowId: string, version: number) => Promise<boolean>) {
    this.cipher = cipher;
    this.codec = codec;
    this.ensure = ensure;
  }

  /**
   * `open` a value made by `read`, and when a note names a flow version not loaded here yet, that
   * version loaded and `read` again (once per version): a note is read whole or not at all.
   */
  async withFlows<T>(read: () => T): Promise<T> {
    for (let tries = 0; ; tries++) {
      try {
        return read();
      } catch (err) {
        if (!(err instanceof FlowVersionMissingError) || !this.ensure || tries >= 3 || !(await this.ensure(err.flowId, err.version))) throw err;
      }
    }
  }

  get packs(): boolean {
    return this.codec !== undefined;
  }

  seal(n: NoteRecord, key: string, field: string): string | Buffer {
    if (!this.codec) return this.cipher.seal(n, key, field);
    const json = Buffer.from(JSON.stringify(this.codec.pack(n)), 'utf8');
    return this.cipher.encryptBytes(deflateRawSync(json, DEFLATE), key, field);
  }

  /** A stored note (bytes as read with a Buffer command; a text format as a string or its bytes). */
  open(sealed: string | Buffer, key: string, field: string): NoteRecord {
    if (sealed === undefined || sealed === null) throw new Error(`no note at ${key} ${field}`);
    if (!isSealedBytes(sealed)) return this.cipher.open<NoteRecord>(String(sealed), key, field);
    if (!this.codec) throw new Error(`a packed note at ${key} ${field}, and no codec to read it with`);
    const json = inflateRawSync(this.cipher.decryptBytes(sealed, key, field), INFLATE);
    return this.codec.unpack(JSON.parse(json.toString('utf8')) as PackedNote);
  }

  openHash(key: string, hash: Record<string, string | Buffer>): Record<string, NoteRecord> {
    const out: Record<string, NoteRecord> = {};
    for (const [field, sealed] of Object.entries(hash)) out[field] = this.open(sealed, key, field);
    return out;
  }
}
