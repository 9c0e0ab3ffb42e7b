// What an organisation set for the documents it files (/lembaga → 🏢 Kop surat), as the renderers
// take it: the letterhead (kop surat: the logo, the organisation's name, its address) and the paper.
// The letterhead prints only where there is more than the name (an address or a logo): a document
// without one keeps its plain centred name. Pure.
import type { LetterheadRecord, Paper } from '../store/letterhead-records.ts';
import { imageInfo, type EmbeddedImage } from './images.ts';

export interface Letterhead {
  name: string;
  /** up to three lines */
  address: string[];
  logo?: EmbeddedImage;
}

/** The organisation's letterhead and its chosen paper; each absent when not set. */
export interface OrgPrint {
  letterhead?: Letterhead;
  paper?: Paper;
}

export function orgPrint(name: string | undefined, record: LetterheadRecord | undefined): OrgPrint {
  if (!record) return {};
  const address = record.address.split('\n').map((l) => l.trim()).filter(Boolean);
  // a stored logo that is somehow no longer a picture prints nothing, rather than failing every export
  const logo = record.logo ? imageInfo(record.logo) : undefined;
  const letterhead: Letterhead | undefined = name && (address.length > 0 || logo) ? { name, address, ...(logo ? { logo } : {}) } : undefined;
  return { ...(letterhead ? { letterhead } : {}), ...(record.paper ? { paper: record.paper } : {}) };
}

/**
 * The termination sheet is A5, read on a phone, until its organisation sets a letterhead or a
 * paper: then it is a letter the office files, on that paper (A4 when only a letterhead is set).
 */
export function sheetPrint(p: OrgPrint): OrgPrint {
  return p.letterhead && !p.paper ? { ...p, paper: 'A4' } : p;
}
