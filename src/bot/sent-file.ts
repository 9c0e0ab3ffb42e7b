// A file a user sent to the bot (a flow file, an institution's form, a letterhead's logo), fetched from
// Telegram with a size limit and a time limit.
import { botFileUrl } from '../export/worker.ts';
import type { BotContext } from './context.ts';

const DOWNLOAD_MS = 10_000;

/** A file a user sent, its bytes, or why not: over `max` (Telegram's stated size, then while
 *  downloading: a stated size can be wrong), or not downloadable (logged, with no content). */
export async function downloadSentFile(ctx: BotContext, fileId: string, max: number): Promise<Buffer | 'too-big' | undefined> {
  try {
    const f = await ctx.api.getFile(fileId);
    if (!f.file_path) return undefined;
    if ((f.file_size ?? 0) > max) return 'too-big';
    const url = botFileUrl(ctx.api.options?.apiRoot ?? 'https://api.telegram.org', ctx.api.token)(f.file_path);
    const res = await fetch(url, { signal: AbortSignal.timeout(DOWNLOAD_MS) });
    if (!res.ok || !res.body) return undefined;
    const chunks: Buffer[] = [];
    let bytes = 0;
    for await (const chunk of res.body as AsyncIterable<Uint8Array>) {
      bytes += chunk.length;
      if (bytes > max) return 'too-big';
      chunks.push(Buffer.from(chunk));
    }
    return Buffer.concat(chunks);
  } catch (err) {
    ctx.log.warn({ err }, 'sent file not downloaded');
    return undefined;
  }
}
