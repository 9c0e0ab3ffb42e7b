// A stored note opened as the bot opens it (packed against its flow version: src/store/note-pack.ts),
// for tests that read Redis directly.
import { loadCatalog } from '../../src/catalog/load-flows.ts';
import { noteCodec } from '../../src/cases/note-codec.ts';
import { DataCipher } from '../../src/store/crypto.ts';
import { NoteSealer } from '../../src/store/note-pack.ts';
import type { NoteRecord } from '../../src/store/records.ts';

export async function noteOpener(dataKey: Buffer): Promise<(sealed: string | Buffer, key: string, field: string) => NoteRecord> {
  const sealer = new NoteSealer(new DataCipher([dataKey]), noteCodec(await loadCatalog()));
  return (sealed, key, field) => sealer.open(sealed, key, field);
}
