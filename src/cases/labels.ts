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

export function clientLabel(c: Pick<CaseRecord, 'initials' | 'age'>): string {
  return `${c.initials} (${c.age})`;
}

export function stageNumber(c: CaseRecord, flow: Flow | undefined): { index: number; count: number } {
  const i = flow ? flow.stages.findIndex((s) => s.id === c.stageId) : -1;
  return { index: i + 1, count: flow?.stages.length ?? 0 };
}

/** "Si (42) · Zastrow · tahap 3/8" */
export function caseLabel(c: CaseRecord, flow: Flow | undefined, lang: Lang): string {
  const { index, count } = stageNumber(c, flow);
  const model = flow ? pick(flow.short, lang) : c.flowId;
  const stage = lang === 'en' ? 'stage' : 'tahap';
  const closed = c.status === 'closed' ? (lang === 'en' ? ' · closed' : ' · ditutup') : '';
  return `${clientLabel(c)} · ${model} · ${stage} ${index}/${count}${closed}`;
}

/**
 * A case on a button, within 24 characters: "Si (42) · Zastrow 3/8", the model's short name cut
 * first ("Pe (30) · Permensos 1/7"), a closed case marked 🔒.
 */
export function caseButtonLabel(c: CaseRecord, flow: Flow | undefined, lang: Lang, max = 24): string {
  const { index, count } = stageNumber(c, flow);
  const head = `${c.status === 'closed' ? '🔒 ' : ''}${clientLabel(c)} · `;
  const tail = ` ${index}/${count}`;
  const room = max - [...head].length - [...tail].length;
  const model = [...(flow ? pick(flow.short, lang) : c.flowId)];
  const shown = model.length <= room ? model.join('') : room >= 2 ? `${model.slice(0, room - 1).join('').trimEnd()}…` : '';
  return shown ? `${head}${shown}${tail}` : `${head.replace(/ · $/, '')}${tail}`;
}

/** Most recently worked first: last note, else creation. */
export function byRecentWork(a: CaseRecord, b: CaseRecord): number {
  return (b.lastNoteAt ?? b.createdAt).localeCompare(a.lastNoteAt ?? a.createdAt);
}
