// Whether a picture an admin sent can be the letterhead's logo, decided by its bytes (a file's name
// and Telegram's MIME type are the sender's word): a PNG or a JPEG, at most 300 KB, at most 2000
// pixels a side. A logo prints on every document the organisation files, so one the renderers choke
// on would break them all: a PNG is read chunk by chunk and its pixels inflated here (bounded), and
// a JPEG must have its frame, its scan and its end.
import { inflateSync } from 'node:zlib';
import { LOGO_MAX_BYTES, type LogoType } from '../store/letterhead-records.ts';
import { imageInfo } from './images.ts';

export const LOGO_MAX_SIDE = 2000;

export type LogoCheck = { ok: true; type: LogoType; width: number; height: number } | { ok: false; problem: 'too-big' | 'not-image' | 'too-large' };

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** channels per PNG colour type (0 grey, 2 RGB, 3 palette, 4 grey + alpha, 6 RGBA) */
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

/** A whole PNG: signature, IHDR first, IDAT chunks, IEND last; the pixels inflate to what IHDR says. */
function pngIsWhole(b: Buffer): boolean {
  if (b.length < 45 || !b.subarray(0, 8).equals(PNG_SIGNATURE)) return false;
  let at = 8;
  const idat: Buffer[] = [];
  let header: Buffer | undefined;
  let ended = false;
  while (at + 12 <= b.length) {
    const len = b.readUInt32BE(at);
    const type = b.toString('latin1', at + 4, at + 8);
    if (at + 12 + len > b.length) return false;
    const data = b.subarray(at + 8, at + 8 + len);
    if (!header && type !== 'IHDR') return false;
    if (type === 'IHDR') header = data;
    if (type === 'IDAT') idat.push(data);
    at += 12 + len;
    if (type === 'IEND') {
      ended = true;
      break;
    }
  }
  if (!header || header.length !== 13 || !ended || idat.length === 0) return false;
  const [w, h, depth, colour, interlace] = [header.readUInt32BE(0), header.readUInt32BE(4), header[8]!, header[9]!, header[12]!];
  const channels = CHANNELS[colour];
  if (!channels || ![1, 2, 4, 8, 16].includes(depth) || interlace > 1) return false;
  // a filter byte per row; an interlaced image's passes add at most one per row and column of each pass
  const rowBytes = Math.ceil((w * channels * depth) / 8);
  const expected = h * (1 + rowBytes);
  try {
    const pixels = inflateSync(Buffer.concat(idat), { maxOutputLength: expected * 2 + 64 });
    return interlace === 0 ? pixels.length === expected : pixels.length > 0;
  } catch {
    return false;
  }
}

/** A JPEG with its frame (imageInfo read its size there), a start of scan, and its end marker. */
function jpegIsWhole(b: Buffer): boolean {
  const sos = b.indexOf(Buffer.from([0xff, 0xda]), 2);
  // some cameras pad after the end marker: it is looked for near the end, not only at it
  const eoi = b.lastIndexOf(Buffer.from([0xff, 0xd9]));
  return sos > 0 && eoi > sos && b.length - eoi <= 1024;
}

export function checkLogo(bytes: Buffer): LogoCheck {
  if (bytes.length > LOGO_MAX_BYTES) return { ok: false, problem: 'too-big' };
  const info = imageInfo(bytes);
  if (!info || info.width < 1 || info.height < 1) return { ok: false, problem: 'not-image' };
  if (info.width > LOGO_MAX_SIDE || info.height > LOGO_MAX_SIDE) return { ok: false, problem: 'too-large' };
  const whole = info.type === 'png' ? pngIsWhole(bytes) : jpegIsWhole(bytes);
  return whole ? { ok: true, type: info.type, width: info.width, height: info.height } : { ok: false, problem: 'not-image' };
}
