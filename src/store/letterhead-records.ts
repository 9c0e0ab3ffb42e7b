// An organisation's letterhead (kop surat) and the paper its documents are printed on, one hash under
// the organisation (keys.letterhead): `address` (up to 3 lines), `paper` (A4 or F4; absent: never
// chosen), `logo` and `logoType` (png or jpg). The organisation's name is its record's, not repeated
// here. The logo is kept as base64 text: it is written by the admin's update's unit of work, whose
// writes outside the user's slot travel as a sealed effect entry of string arguments
// (src/store/effects.ts), so raw bytes cannot ride along. It is capped at 300 KB as sent, so at most
// about 400 KB in Redis per organisation. The screens read every field but the logo's bytes; the
// export worker reads them all, with the case (src/export/reader.ts).
import type { ChainableCommander } from 'ioredis';
import type { Keys } from './keys.ts';

export const PAPERS = ['A4', 'F4'] as const;
export type Paper = (typeof PAPERS)[number];
export type LogoType = 'png' | 'jpg';

/** The caps: a letterhead's address is a few short lines; a logo prints about 2 cm wide. */
export const ADDRESS_MAX_CHARS = 200;
export const ADDRESS_MAX_LINES = 3;
export const LOGO_MAX_BYTES = 300 * 1024;

/** What the screens show: everything but the logo's bytes. */
export interface LetterheadMeta {
  /** lines joined with "\n"; '' when none */
  address: string;
  paper?: Paper;
  logoType?: LogoType;
}

/** What a document prints. */
export interface LetterheadRecord extends LetterheadMeta {
  logo?: Buffer;
}

const paperOf = (s: string | null | undefined): Paper | undefined => (PAPERS.includes(s as Paper) ? (s as Paper) : undefined);
const typeOf = (s: string | null | undefined): LogoType | undefined => (s === 'png' || s === 'jpg' ? s : undefined);

/** The screens' read (an update's read plan): address, paper, logoType, in this order. */
export function queueLetterheadMeta(p: ChainableCommander, keys: Keys, orgId: string): void {
  p.hmget(keys.letterhead(orgId), 'address', 'paper', 'logoType');
}

export function parseLetterheadMeta(values: (string | null)[] | null | undefined): LetterheadMeta {
  const [address, paper, logoType] = values ?? [];
  const p = paperOf(paper);
  const t = typeOf(logoType);
  return { address: address ?? '', ...(p ? { paper: p } : {}), ...(t ? { logoType: t } : {}) };
}

/** The export worker's read: the same, and the logo. */
export function queueLetterhead(p: ChainableCommander, keys: Keys, orgId: string): void {
  p.hmget(keys.letterhead(orgId), 'address', 'paper', 'logoType', 'logo');
}

export function parseLetterhead(values: (string | null)[] | null | undefined): LetterheadRecord {
  const meta = parseLetterheadMeta(values);
  const logo = values?.[3];
  return meta.logoType && logo ? { ...meta, logo: Buffer.from(logo, 'base64') } : { address: meta.address, ...(meta.paper ? { paper: meta.paper } : {}) };
}

/** An empty address removes it. */
export function writeAddress(p: ChainableCommander, keys: Keys, orgId: string, address: string): void {
  if (address) p.hset(keys.letterhead(orgId), 'address', address);
  else p.hdel(keys.letterhead(orgId), 'address');
}

export function writePaper(p: ChainableCommander, keys: Keys, orgId: string, paper: Paper): void {
  p.hset(keys.letterhead(orgId), 'paper', paper);
}

export function writeLogo(p: ChainableCommander, keys: Keys, orgId: string, logo: Buffer, type: LogoType): void {
  p.hset(keys.letterhead(orgId), 'logo', logo.toString('base64'), 'logoType', type);
}

export function removeLogo(p: ChainableCommander, keys: Keys, orgId: string): void {
  p.hdel(keys.letterhead(orgId), 'logo', 'logoType');
}
