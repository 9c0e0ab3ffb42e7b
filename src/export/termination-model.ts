// The termination sheet (lembar terminasi) as plain data: why and when the case ended, the stage it
// reached, the answers of its final evaluation, and a signature block for the worker and the
// supervisor. Usually one page; a document meant to be signed is never shortened, so a long
// evaluation flows on to the next. Pure.
import type { Flow } from '../engine/types.ts';
import { clientWithCode, pick, type Lang } from '../cases/labels.ts';
import { noteHeld } from '../cases/note-builder.ts';
import type { CaseRecord, NoteRecord } from '../store/records.ts';
import type { Translate } from '../telegram/format.ts';
import { byDate, noteDay } from './report-model.ts';
import { followUpOf, itemMeta, reportAnswer } from './item-meta.ts';
import { PRINTED_SECTIONS } from '../engine/flow-schema.ts';
import { dayIn, longDate } from './dates.ts';
import { jobTitleKey } from '../cases/intake-facts.ts';
import type { Letterhead } from './letterhead.ts';
import type { Paper } from '../store/letterhead-records.ts';

export interface TerminationInput {
  case: CaseRecord;
  flow: Flow | undefined;
  /** a note's own flow version (absent: not known to this process) */
  flowAt: (version: number) => Flow | undefined;
  notes: NoteRecord[];
  orgName: string | undefined;
  workerName: string;
  supervisorName: string | undefined;
  lang: Lang;
  zone: string;
  now: string;
  t: Translate;
}

export interface TerminationSheet {
  org: string | undefined;
  title: string;
  facts: { label: string; value: string }[];
  evaluationHeading: string;
  evaluation: { question: string; answer: string }[];
  noEvaluation: string;
  place: string;
  workerRole: string;
  workerName: string;
  supervisorRole: string;
  supervisorName: string;
  /** who else signs, with blank names: the client and the family at a rehabilitation (IPWL, BNNK, panti, Balai) */
  alsoSign: string[];
  footer: string;
  pageWord: string;
  ofWord: string;
  /** the organisation's letterhead and paper (set by the export, src/export/letterhead.ts sheetPrint:
   *  absent, the sheet is A5 for a phone) */
  letterhead?: Letterhead;
  paper?: Paper;
}

const BLANK_NAME = '………………………………';

/** Where a client leaves a rehabilitation: the sheet is the client's and the family's too (they sign it). */
const REHABILITATION: ReadonlySet<string> = new Set(['ipwl', 'bnnk', 'panti', 'sentra', 'lks']);

/** The questions every stage of the flow asks (the shared header and footer): not the evaluation. */
function sharedQuestionIds(flow: Flow | undefined): Set<string> {
  if (!flow || flow.stages.length < 2) return new Set();
  const [first, ...rest] = flow.stages.map((s) => new Set(s.questions.map((q) => q.id)));
  return new Set([...first!].filter((id) => rest.every((s) => s.has(id))));
}

/** The words of a stage id that make its note a final evaluation: the evaluation or termination stage
 *  of every built-in model (evaluasi, terminasi, tahap_terminasi, pengakhiran) and of an organisation's
 *  own model named the same way; never a planning, aftercare or supervision stage. By the id, which a
 *  note keeps whatever later versions of the model call the stage. */
const FINAL_STAGE_WORDS = new Set(['evaluasi', 'terminasi', 'pengakhiran', 'evaluation', 'termination']);

export function isFinalStage(stageId: string): boolean {
  return stageId.toLowerCase().split(/[_\-\s]+/).some((w) => FINAL_STAGE_WORDS.has(w));
}

/** A termination stage's own "why is it ending?": the sheet's reason is the one recorded when the
 *  case was ended, so this answer is not printed beside it (the two could disagree). Its follow-ups
 *  (which aims were not met, where the client was referred) are the evaluation and stay. */
export const STAGE_REASON_QUESTIONS: ReadonlySet<string> = new Set(['alasan_terminasi']);

/** The reason question, or its "Lainnya: apa tepatnya?" (the compiler's `<id>_sebut…`). */
function restatesReason(id: string): boolean {
  for (const r of STAGE_REASON_QUESTIONS) if (id === r || id.startsWith(`${r}_sebut`)) return true;
  return false;
}

export function buildTerminationSheet(input: TerminationInput): TerminationSheet {
  const { case: c, flow, lang, t, zone } = input;
  const notes = [...input.notes].sort(byDate);
  const held = notes.filter(noteHeld);
  // the final evaluation: the latest held session of an evaluation or termination stage, or none (a
  // client who dropped out at planning has no evaluation, and the sheet says so)
  const final = [...held].reverse().find((n) => isFinalStage(n.stageId));
  const shared = sharedQuestionIds(flow);
  // the stage's answers as the institution's report prints them (short labels, a scale's point by
  // name); a signed sheet is filed: nothing of the worker's own (section supervisi) and no bookkeeping
  const own = final ? input.flowAt(final.flowVersion) : undefined;
  const evaluation: { id: string; question: string; answer: string }[] = [];
  for (const item of final?.items ?? []) {
    if (shared.has(item.id) || restatesReason(item.id) || item.value === null || item.type === 'file') continue;
    const meta = itemMeta(item, final!, own, flow);
    if (!(PRINTED_SECTIONS as readonly string[]).includes(meta.section)) continue;
    const answer = reportAnswer(item, meta, lang, t);
    // "Lainnya: apa tepatnya?" beside its answer, as the institution's report prints it
    const parent = evaluation.find((e) => e.id === followUpOf(item.id));
    if (parent) parent.answer = `${parent.answer} (${answer})`;
    else evaluation.push({ id: item.id, question: pick(meta.label, lang), answer });
  }
  const finalStage = final && (flow?.stages.find((s) => s.id === final.stageId)?.title ?? final.stageTitle);
  const stageIndex = flow ? flow.stages.findIndex((s) => s.id === c.stageId) : -1;
  const stage = flow?.stages[stageIndex];
  const ended = c.closure;
  const facts = [
    { label: t('report-cover-client'), value: `${clientWithCode(c)} · ${t(`gender-${c.gender}`)} · ${t(`setting-${c.setting}`)}` },
    { label: t('report-cover-model'), value: flow ? pick(flow.title, lang) : c.flowId },
    { label: t('report-cover-opened'), value: longDate(dayIn(c.createdAt, zone), lang) },
    { label: t('report-cover-ended'), value: ended ? longDate(dayIn(ended.at, zone), lang) : '—' },
    { label: t('term-reason'), value: ended ? t(`end-reason-${ended.reason}`) : '—' },
    ...(ended?.note ? [{ label: t('report-cover-end-note'), value: ended.note }] : []),
    { label: t('term-stage'), value: stage ? `${stageIndex + 1}/${flow!.stages.length} · ${pick(stage.title, lang)}` : c.stageId },
    { label: t('term-sessions'), value: t('term-sessions-value', { held: held.length, all: notes.length }) },
    ...(final ? [{ label: t('term-final-note'), value: `${longDate(noteDay(final, zone), lang)}${finalStage ? ` · ${pick(finalStage, lang)}` : ''}` }] : []),
  ];
  return {
    org: input.orgName,
    title: t('term-title'),
    facts,
    evaluationHeading: t('term-evaluation'),
    evaluation,
    noEvaluation: t('term-no-evaluation'),
    place: t('term-place', { date: longDate(dayIn(input.now, zone), lang) }),
    workerRole: t(jobTitleKey(c)),
    workerName: input.workerName,
    supervisorRole: t('term-supervisor'),
    supervisorName: input.supervisorName ?? BLANK_NAME,
    alsoSign: REHABILITATION.has(c.setting) ? [t('doc-signer-client'), t('doc-signer-family')] : [],
    footer: t('term-footer', { client: clientWithCode(c) }),
    pageWord: t('report-page'),
    ofWord: t('report-page-of'),
  };
}
