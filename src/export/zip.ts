// Several files into one zip (fflate, pure JS), streamed: each file is read in chunks and its
// compressed bytes written out as they come.
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { Zip, ZipDeflate } from 'fflate';

export async function zipFiles(files: { path: string; name: string }[], target: string): Promise<void> {
  const out = createWriteStream(target);
  let failure: Error | undefined;
  const zip = new Zip((err, chunk, final) => {
    if (err) failure = err;
    else out.write(chunk);
    if (final) out.end();
  });
  for (const f of files) {
    const entry = new ZipDeflate(f.name, { level: 6 });
    zip.add(entry);
    for await (const chunk of createReadStream(f.path)) {
      entry.push(chunk as Uint8Array);
      if (out.writableNeedDrain) await once(out, 'drain');
    }
    entry.push(new Uint8Array(0), true);
  }
  zip.end();
  await finished(out);
  if (failure) throw failure;
}
