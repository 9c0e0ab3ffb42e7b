// CSV written row by row to a file stream (never the whole file in memory), UTF-8 with a byte-order
// mark so Excel reads Indonesian text right, CRLF line ends as RFC 4180 and Excel expect.
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';

/** A field quoted when it must be; a text that a spreadsheet would run as a formula is defused. */
function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) && !/^-?\d+([.,]\d+)?$/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) || /^\s|\s$/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export class CsvWriter {
  private readonly out: WriteStream;
  rows = 0;

  readonly path: string;


  constructor(path: string) {

    this.path = path;
    this.out = createWriteStream(path);
    this.out.write('\uFEFF');
  }

  /** Waits when the stream's buffer is full, so a big export stays small in memory. */
  async row(fields: string[]): Promise<void> {
    this.rows++;
    if (!this.out.write(`${fields.map(csvField).join(',')}\r\n`)) await once(this.out, 'drain');
  }

  async close(): Promise<void> {
    this.out.end();
    await finished(this.out);
  }
}
