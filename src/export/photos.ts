// The photos of documentation answers, fetched from Telegram when the report is made (getFile, then
// the file download URL) and held in memory only while the report is rendered: we never keep them.
import type { Api } from 'grammy';
import type { Logger } from 'pino';
import { imageInfo, type EmbeddedImage } from './images.ts';

/** Telegram bots may download files up to 20 MB; a report stays sendable (50 MB) with this many photo bytes. */
const PHOTO_BUDGET = 30 * 1024 * 1024;
const PARALLEL = 4;

export interface FileSource {
  api: Api;
  /** the download URL of a getFile path (Bot API: <root>/file/bot<token>/<path>) */
  fileUrl(filePath: string): string;
}

export async function fetchPhotos(src: FileSource, fileIds: string[], log: Logger): Promise<Map<string, EmbeddedImage>> {
  const out = new Map<string, EmbeddedImage>();
  let bytes = 0;
  const queue = [...new Set(fileIds)];
  const one = async (fileId: string) => {
    try {
      const f = await src.api.getFile(fileId);
      if (!f.file_path) return;
      const res = await fetch(src.fileUrl(f.file_path));
      if (!res.ok) throw new Error(`download answered ${res.status}`);
      const data = Buffer.from(await res.arrayBuffer());
      if (bytes + data.length > PHOTO_BUDGET) return;
      const info = imageInfo(data);
      if (!info) return;
      bytes += data.length;
      out.set(fileId, info);
    } catch (err) {
      // a photo Telegram no longer has is left out; the answer still says a photo was sent
      log.warn({ err }, 'photo of a note could not be fetched');
    }
  };
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(PARALLEL, queue.length) }, async () => {
      while (next < queue.length) {
        const i = next++;
        await one(queue[i]!);
      }
    }),
  );
  return out;
}
