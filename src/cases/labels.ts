// How a case is named on screen: initials and age, as the seeds do ("Si (42)").
import type { Flow, LocalizedText } from '../engine/types.ts';
import type { CaseRecord } from '../store/records.ts';

export type Lang = 'id' | 'en';

export function pick(text: LocalizedText, lang: Lang): string {
  return lang === 'en' ? (text.en ?? text.id) : text.id;
}

/**
 * A case's code, as the case card shows it and the audit log names it ("#Y59K2Y"): the audit holds
 * ids only, never the client; an admin finds the case by its code. The first six characters of the id
 * (36^6 ids: one organisation's cases do not share one).
 */
export function caseCode(caseId: string): string {
  return `#${caseId.slice(0, 6).toUpperCase()}`;
}

/** A case code or id as typed ("#y59k2y", "Y59K2Y", a whole id), as the lower-case prefix it names. */
export function parseCaseCode(text: string): string | undefined {
  const s = text.trim().replace(/^#/, '').toLowerCase();
  return /^[a-z0-9]{4,16}$/.test(s) ? s : undefined;
}

/** "Si (42)"; a group by its name and size, "👥 Mawar (8)" */
export function clientLabel(c: Pick<CaseRecord, 'initials' | 'age' | 'group'>): string {
  return c.group ? `👥 ${c.initials} (${c.group.members})` : `${c.initials} (${c.age})`;
}

export function stageNumber(c: CaseRecord, flow: Flow | undefined): { index: number; count: number } {
  const i = flow ? flow.stages.findIndex((s) => s.id === c.stageId) : -1;
  return { index: i + 1, count: flow?.stages.length ?? 0 };
}

/** The stage a case moves on to after the one at `index`: stages written alongside the others (a
 *  Bapas client's monthly supervision) are passed by; undefined after the last. */
export function nextStageIndex(flow: Flow, index: number): number | undefined {
  for (let i = index + 1; i < flow.stages.length; i++) if (!flow.stages[i]!.alongside) return i;
  return undefined;
}

/** The stages written alongside the others, which the first screen of a note offers. */
export function alongsideStages(flow: Flow): Flow['stages'] {
  return flow.stages.filter((s) => s.alongside);
}

/** "Si (42) · Zastrow · tahap 3/8"; with its code, "Si (42) #Y59K2Y · Zastrow · tahap 3/8" */
export function caseLabel(c: CaseRecord, flow: Flow | undefined, lang: Lang, withCode = false): string {
  const { index, count } = stageNumber(c, flow);
  const model = flow ? pick(flow.short, lang) : c.flowId;
  const stage = lang === 'en' ? 'stage' : 'tahap';
  const closed = c.status === 'closed' ? (lang === 'en' ? ' · closed' : ' · ditutup') : '';
  return `${withCode ? clientWithCode(c) : clientLabel(c)} · ${model} · ${stage} ${index}/${count}${closed}`;
}

/** "Si (42) #Y59K2Y": the client with the case's code, where two "Si (42)" must be told apart (reports, lists). */
export function clientWithCode(c: Pick<CaseRecord, 'id' | 'initials' | 'age' | 'group'>): string {
  return `${clientLabel(c)} ${caseCode(c.id)}`;
}

/** Another case in `among` reads as the same "Si (42)" (initials compared as a reader would, case aside). */
export function sharesClientLabel(c: Pick<CaseRecord, 'id' | 'initials' | 'age' | 'group'>, among: readonly Pick<CaseRecord, 'id' | 'initials' | 'age' | 'group'>[]): boolean {
  const same = clientLabel(c).toLowerCase();
  return among.some((o) => o.id !== c.id && clientLabel(o).toLowerCase() === same);
}

/** The model's short name in `room` characters: whole words first ("Permensos 26" → "Permensos"), a cut only when no word fits. */
function fitModel(name: string, room: number): string {
  if ([...name].length <= room) return name;
  let kept = '';
  for (const word of name.split(' ')) {
    const next = kept ? `${kept} ${word}` : word;
    if ([...next].length > room) break;
    kept = next;
  }
  if (kept) return kept;
  // "Per…" says little, but still which model; fewer letters than three say nothing
  return room >= 4 ? `${[...name].slice(0, room - 1).join('').trimEnd()}…` : '';
}

/**
 * A case on a button, within 24 characters: "Si (42) · Zastrow 3/8", a closed case marked 🔒. What
 * matters — the client and the stage — is never cut; the model's short name gives way first, by
 * whole words ("RO (19) · Permensos 2/7"). When another case of the list (`among`) is also
 * "Si (42)", the case's code joins the client ("Si (42) #Y59K2Y 3/8"): the code then matters more
 * than the model, which the two often share anyway.
 */
export function caseButtonLabel(c: CaseRecord, flow: Flow | undefined, lang: Lang, among: readonly CaseRecord[] = [], max = 24): string {
  const { index, count } = stageNumber(c, flow);
  const tail = ` ${index}/${count}`;
  const shape = (lock: string, code: string): string => {
    const head = `${lock}${clientLabel(c)}${code}`;
    const model = fitModel(flow ? pick(flow.short, lang) : c.flowId, max - [...head].length - 3 - [...tail].length);
    return model ? `${head} · ${model}${tail}` : `${head}${tail}`;
  };
  const lock = c.status === 'closed' ? '🔒 ' : '';
  if (!sharesClientLabel(c, among)) return shape(lock, '');
  // Only a client of 100 years or more with five initials overflows: the "#" goes, then (an uploaded
  // model of 10+ stages) the 🔒, never the client, the code or the stage.
  const code = caseCode(c.id);
  const shapes = [shape(lock, ` ${code}`), shape(lock, ` ${code.slice(1)}`), shape('', ` ${code.slice(1)}`)];
  return shapes.find((s) => [...s].length <= max) ?? shapes.at(-1)!;
}

/** Most recently worked first: last note, else creation. */
export function byRecentWork(a: CaseRecord, b: CaseRecord): number {
  return (b.lastNoteAt ?? b.createdAt).localeCompare(a.lastNoteAt ?? a.createdAt);
}
