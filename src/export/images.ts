// What the renderers need to embed a picture: its bytes, type and size in pixels (read from the
// PNG or JPEG header; Telegram sends photos as JPEG).
export interface EmbeddedImage {
  data: Buffer;
  type: 'png' | 'jpg';
  width: number;
  height: number;
}

/** undefined for anything that is not a PNG or a baseline/progressive JPEG. */
export function imageInfo(data: Buffer): EmbeddedImage | undefined {
  if (data.length > 24 && data.readUInt32BE(0) === 0x89504e47) {
    return { data, type: 'png', width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
  }
  if (data.length > 4 && data[0] === 0xff && data[1] === 0xd8) {
    let i = 2;
    while (i + 9 < data.length) {
      if (data[i] !== 0xff) return undefined;
      const marker = data[i + 1]!;
      const len = data.readUInt16BE(i + 2);
      // SOF0..SOF15 except DHT (c4), JPG (c8), DAC (cc) carry the frame size
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        return { data, type: 'jpg', width: data.readUInt16BE(i + 7), height: data.readUInt16BE(i + 5) };
      }
      i += 2 + len;
    }
  }
  return undefined;
}

/** Scales (w, h) down to fit inside (maxW, maxH), keeping the proportions. */
export function fitInside(w: number, h: number, maxW: number, maxH: number): { width: number; height: number } {
  const k = Math.min(1, maxW / w, maxH / h);
  return { width: Math.round(w * k), height: Math.round(h * k) };
}
