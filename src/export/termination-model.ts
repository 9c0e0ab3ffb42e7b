// The termination sheet (lembar terminasi) as plain data: why and when the case ended, the stage it
// reached, the answers of its final evaluation, and a signature block for the worker and the
// supervisor. One page. Pure.
import type { Flow } from '../engine/types.ts';
import { clientWithCode, pick, type Lang } from '../cases/labels.ts';
import { noteHeld } from '../cases/note-builder.ts';
import type { CaseRecord, NoteRecord } from '../store/records.ts';
import { cut, type Translate } from '../telegram/format.ts';
import { answerText, byDate, noteDay } from './report-model.ts';
import { dayIn, longDate } from './dates.ts';
import { jobTitleKey } from '../cases/intake-facts.ts';

export interface TerminationInput {
  case: CaseRecord;
  flow: Flow | undefined;
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
  footer: string;
  pageWord: string;
  ofWord: string;
}

/** What keeps the sheet on one page: the longest answer, and how many. */
const ANSWER_MAX = 300;
const ANSWERS_MAX = 8;
const BLANK_NAME = '………………………………';

/** The questions every stage of the flow asks (the shared header and footer): not the evaluation. */
function sharedQuestionIds(flow: Flow | undefined): Set<string> {
  if (!flow || flow.stages.length < 2) return new Set();
  const [first, ...rest] = flow.stages.map((s) => new Set(s.questions.map((q) => q.id)));
  return new Set([...first!].filter((id) => rest.every((s) => s.has(id))));
}

export function buildTerminationSheet(input: TerminationInput): TerminationSheet {
  const { case: c, flow, lang, t, zone } = input;
  const notes = [...input.notes].sort(byDate);
  const held = notes.filter(noteHeld);
  // the final evaluation: the last held session of the stage the case reached (else the last held one)
  const final = [...held].reverse().find((n) => n.stageId === c.stageId) ?? held.at(-1);
  const shared = sharedQuestionIds(flow);
  const evaluation = (final?.items ?? [])
    .filter((i) => !shared.has(i.id) && i.value !== null && i.type !== 'file')
    .slice(0, ANSWERS_MAX)
    .map((i) => ({ question: pick(i.label, lang), answer: cut(answerText(i, lang, t), ANSWER_MAX) }));
  const stageIndex = flow ? flow.stages.findIndex((s) => s.id === c.stageId) : -1;
  const stage = flow?.stages[stageIndex];
  const ended = c.closure;
  const facts = [
    { label: t('report-cover-client'), value: `${clientWithCode(c)} · ${t(`gender-${c.gender}`)} · ${t(`setting-${c.setting}`)}` },
    { label: t('report-cover-model'), value: flow ? pick(flow.title, lang) : c.flowId },
    { label: t('report-cover-opened'), value: longDate(dayIn(c.createdAt, zone), lang) },
    { label: t('report-cover-ended'), value: ended ? longDate(dayIn(ended.at, zone), lang) : '—' },
    { label: t('term-reason'), value: ended ? t(`end-reason-${ended.reason}`) : '—' },
    ...(ended?.note ? [{ label: t('report-cover-end-note'), value: cut(ended.note, 300) }] : []),
    { label: t('term-stage'), value: stage ? `${stageIndex + 1}/${flow!.stages.length} · ${pick(stage.title, lang)}` : c.stageId },
    { label: t('term-sessions'), value: t('term-sessions-value', { held: held.length, all: notes.length }) },
    ...(final ? [{ label: t('term-final-note'), value: longDate(noteDay(final, zone), lang) }] : []),
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
    footer: t('report-footer', { client: clientWithCode(c) }),
    pageWord: t('report-page'),
    ofWord: t('report-page-of'),
  };
}
