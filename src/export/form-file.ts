// An institution's Word form as sent by an admin is untrusted bytes: before any templating library
// sees it, it must be a small, real .docx — a zip whose central directory is sane (few entries, a
// bounded total once inflated), with a Word document as its main part and no macros (a .docm renamed
// .docx is still a .docm). It is then inflated into buffers no larger than each entry declared
// (fflate's inflate cannot grow a given buffer, so a lying entry cannot expand beyond what was
// checked) and zipped again: the library only ever reads this re-packed copy, never the sent bytes.
import { unzipSync, zipSync, strFromU8, type Zippable } from 'fflate';

/** The largest form accepted as sent (a letterhead logo and a few pages: a few hundred KB). */
export const FORM_MAX_BYTES = 1024 * 1024;
/** A Word document has a few dozen parts; thousands are a trick. */
export const FORM_MAX_ENTRIES = 400;
/** All parts together once inflated: a form of 1 MB does not inflate to more than this. */
export const FORM_MAX_INFLATED = 24 * 1024 * 1024;

const WORD_MAIN = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml';

export type FormFileProblem = 'too-big' | 'not-docx-name' | 'macro-name' | 'not-zip' | 'not-word' | 'macros' | 'bomb' | 'damaged';

export class FormFileError extends Error {
  readonly problem: FormFileProblem;
  constructor(problem: FormFileProblem) {
    super(`form file refused: ${problem}`);
    this.name = 'FormFileError';
    this.problem = problem;
  }
}

/** The name first: a macro-enabled Word file (.docm, .dotm) is refused by name before anything else. */
export function nameProblem(fileName: string | undefined): FormFileProblem | undefined {
  const name = (fileName ?? '').toLowerCase();
  if (/\.(docm|dotm)$/.test(name)) return 'macro-name';
  return name.endsWith('.docx') ? undefined : 'not-docx-name';
}

/** Parts that carry macros or executable controls, or embedded objects (an OLE `.bin` may hold them). */
function isMacroPart(name: string): boolean {
  return /(^|\/)vbaProject\.bin$|(^|\/)vbaData\.xml$|^word\/activeX\/|^word\/embeddings\/.*\.bin$/i.test(name);
}

/**
 * A relationship to something outside the file, other than a hyperlink: an attached template
 * (`.dotm`) from a server is the usual way to bring macros into a `.docx`, and a remote frame or
 * image calls out when opened. A form has no need of either.
 */
function hasExternalPart(rels: string): boolean {
  for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    const r = m[0];
    if (/TargetMode\s*=\s*["']External["']/i.test(r) && !/Type\s*=\s*["'][^"']*\/hyperlink["']/i.test(r)) return true;
  }
  return false;
}

interface Entry {
  name: string;
  originalSize: number;
}

/** The entries as the central directory lists them, nothing inflated. */
function directory(bytes: Uint8Array): Entry[] {
  const entries: Entry[] = [];
  unzipSync(bytes, {
    filter: (f) => {
      entries.push({ name: f.name, originalSize: f.originalSize });
      if (entries.length > FORM_MAX_ENTRIES) throw new FormFileError('bomb');
      return false;
    },
  });
  return entries;
}

/** The checked form, re-packed; throws FormFileError with the problem. */
export function repackForm(sent: Uint8Array, fileName: string | undefined): Buffer {
  const named = nameProblem(fileName);
  if (named) throw new FormFileError(named);
  if (sent.length > FORM_MAX_BYTES) throw new FormFileError('too-big');
  let entries: Entry[];
  try {
    entries = directory(sent);
  } catch (err) {
    if (err instanceof FormFileError) throw err;
    throw new FormFileError('not-zip');
  }
  const total = entries.reduce((sum, e) => sum + e.originalSize, 0);
  if (total > FORM_MAX_INFLATED) throw new FormFileError('bomb');
  if (entries.some((e) => isMacroPart(e.name))) throw new FormFileError('macros');
  const names = new Set(entries.map((e) => e.name));
  if (!names.has('[Content_Types].xml') || !names.has('word/document.xml')) throw new FormFileError('not-word');
  let files: Record<string, Uint8Array>;
  try {
    // each entry into a buffer of its declared size, which the checks above bounded
    files = unzipSync(sent);
  } catch {
    throw new FormFileError('damaged');
  }
  const types = strFromU8(files['[Content_Types].xml'] ?? new Uint8Array());
  if (/macroEnabled|vbaProject/i.test(types)) throw new FormFileError('macros');
  if (!types.includes(WORD_MAIN)) throw new FormFileError('not-word');
  for (const [name, data] of Object.entries(files)) if (name.endsWith('.rels') && hasExternalPart(strFromU8(data))) throw new FormFileError('macros');
  const out: Zippable = {};
  for (const [name, data] of Object.entries(files)) {
    // a folder entry is left out; a file keeps its bytes
    if (!name.endsWith('/')) out[name] = data;
  }
  return Buffer.from(zipSync(out, { level: 6 }));
}
