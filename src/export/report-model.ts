// The supervision record of a case (Catatan supervisi) as plain data: for the worker and their
// supervisor only, never filed outside. Per note: the worker's reflection, asks, roles and skills (the
// flows' section `supervisi`), the review state, the supervisor's feedback thread and each revision.
// What the institution files is the other document (institution-report.ts); the two never mix.
// Pure — no Redis, no clock, no Telegram: every record, the reader's language and zone, and "now"
// come in as arguments.
import type { Flow, FileRef, LocalizedText } from '../engine/types.ts';
import { caseCode, clientLabel, clientWithCode, pick, type Lang } from '../cases/labels.ts';
import { changedItems, heldWord } from '../cases/note-builder.ts';
import type { ReviewEvent, ReviewState } from '../store/org-records.ts';
import type { CaseRecord, NoteItem, NoteRecord } from '../store/records.ts';
import { cut, formatAnswer, type Translate } from '../telegram/format.ts';
import { longDate, dayIn } from './dates.ts';
import { factWords, jobTitleKey } from '../cases/intake-facts.ts';
import { itemMeta } from './item-meta.ts';

export interface ReportInput {
  case: CaseRecord;
  /** the case's model as the catalog has it now (labels of scales, the stage count); absent: unknown */
  flow: Flow | undefined;
  /** a note's own flow version (absent: not known to this process): where its answers belong */
  flowAt: (version: number) => Flow | undefined;
  notes: NoteRecord[];
  reviewStates: Record<string, ReviewState>;
  reviewLogs: Record<string, ReviewEvent[]>;
  orgName: string | undefined;
  workerName: string;
  supervisorNames: string[];
  /** who asked for the report, when not the worker (a supervisor) */
  requesterName?: string;
  lang: Lang;
  /** the reader's IANA zone: instants become their local days */
  zone: string;
  /** ISO instant the report is made */
  now: string;
  t: Translate;
}

/** A photo or a voice note of an answer: fetched (photos) or listed (voice) by the I/O layer. */
export interface ReportMedia {
  fileId: string;
  kind: FileRef['kind'];
  caption?: string;
  /** seconds, when Telegram told us (FileRef.duration, where stored) */
  duration?: number;
  /** the day of the note it belongs to, for the list of voice notes */
  day: string;
}

export interface ReportAnswer {
  question: string;
  /** the answer as text; several paragraphs where the worker typed line breaks */
  text: string;
  media?: ReportMedia;
}

export interface ReportNote {
  id: string;
  heading: string;
  /** short facts under the heading: written on, contact, held, version */
  meta: string[];
  /** the worker's reflection, asks, roles and skills (empty: none in this note) */
  answers: ReportAnswer[];
  review: string;
  /** the supervisor's feedback thread, oldest first */
  thread: string[];
  /** each revision's changed answers */
  revisions: string[];
}

export interface ReportStage {
  heading: string;
  notes: ReportNote[];
}

export interface CaseReport {
  lang: Lang;
  title: string;
  subtitle: string;
  cover: { label: string; value: string }[];
  summaryHeading: string;
  summaryHead: string[];
  summaryRows: string[][];
  stages: ReportStage[];
  emptyNotes: string;
  footer: string;
  generated: string;
  /** "Halaman {page} dari {pages}": the renderers fill in the numbers */
  pageWord: string;
  ofWord: string;
  /** said under a note with nothing of the worker's own */
  noneInNote: string;
  /** the names of a note's closing facts */
  factLabels: { review: string; thread: string; revisions: string };
}

/** Question ids every flow shares (flows/common): shown in the cover and summary, not hard-coded elsewhere. */
export const SHARED = {
  date: 'tanggal_sesi',
  contact: 'jenis_kontak',
  roles: 'peran_peksos',
  documentation: 'dokumentasi',
} as const;

export function isFileRef(v: unknown): v is FileRef {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && 'fileId' in v;
}

/** Sessions in the order they happened; notes of one day in the order written. */
export function byDate(a: NoteRecord, b: NoteRecord): number {
  return (a.sessionDate ?? a.createdAt).localeCompare(b.sessionDate ?? b.createdAt) || a.createdAt.localeCompare(b.createdAt);
}

export function answerText(item: NoteItem, lang: Lang, t: Translate): string {
  return formatAnswer({ type: item.type }, item.value, lang, t, item.display);
}

function itemOf(n: NoteRecord, id: string): NoteItem | undefined {
  return n.items.find((i) => i.id === id);
}

export function noteDay(n: NoteRecord, zone: string): string {
  return n.sessionDate ?? dayIn(n.createdAt, zone);
}

function reviewWord(state: ReviewState | undefined, t: Translate): string {
  return state ? t(`review-state-${state}`) : t('report-review-none');
}

function threadLine(e: ReviewEvent, lang: Lang, zone: string, t: Translate): string {
  const when = longDate(dayIn(e.at, zone), lang);
  const what = t(`review-event-${e.action}`, { name: e.byName, version: e.version });
  return e.text ? `${when} · ${what}: ${e.text}` : `${when} · ${what}`;
}

function revisionLines(n: NoteRecord, lang: Lang, zone: string, t: Translate): string[] {
  const earlier = n.previous ?? [];
  const lines: string[] = [];
  earlier.forEach((before, i) => {
    const after = earlier[i + 1];
    const items = after?.items ?? n.items;
    const by = after ? after.byName : n.savedBy?.name;
    const at = after?.savedAt ?? n.updatedAt ?? n.createdAt;
    const changes = changedItems(before.items, items);
    const head = t('report-revision', { version: before.version + 1, date: longDate(dayIn(at, zone), lang), name: by ?? '—' });
    const what = changes.map((ch) => {
      const show = (item: NoteItem | undefined) => (item ? cut(answerText(item, lang, t), 300) : t('history-answer-none'));
      return t('report-revision-change', { question: pick(ch.label, lang), old: show(ch.old), new: show(ch.now) });
    });
    lines.push([head, ...(what.length ? what : [t('history-no-change')])].join('\n'));
  });
  return lines;
}

function reportNote(n: NoteRecord, input: ReportInput, index: number): ReportNote {
  const { lang, t, zone } = input;
  const day = noteDay(n, zone);
  const contact = itemOf(n, SHARED.contact);
  const own = input.flowAt(n.flowVersion);
  const mine = n.items.map((item) => ({ item, meta: itemMeta(item, n, own, input.flow) })).filter(({ item, meta }) => item.value !== null && meta.section === 'supervisi');
  const answers: ReportAnswer[] = mine.map(({ item, meta }) => {
    const answer: ReportAnswer = { question: pick(meta.label, lang), text: answerText(item, lang, t) };
    if (isFileRef(item.value)) {
      const duration = (item.value as FileRef).duration;
      answer.media = {
        fileId: item.value.fileId,
        kind: item.value.kind,
        day,
        ...(item.value.caption ? { caption: item.value.caption } : {}),
        ...(typeof duration === 'number' ? { duration } : {}),
      };
    }
    return answer;
  });
  const meta = [
    t('report-note-written', { date: longDate(dayIn(n.createdAt, zone), lang) }),
    ...(contact && contact.value !== null ? [t('report-note-contact', { contact: answerText(contact, lang, t) })] : []),
    t('report-note-held', { held: heldWord(n, t) }),
    ...((n.version ?? 1) > 1 ? [t('report-note-version', { version: n.version ?? 1 })] : []),
  ];
  return {
    id: n.id,
    heading: t('report-note-heading', { index, date: longDate(day, lang) }),
    meta,
    answers,
    review: reviewWord(input.reviewStates[n.id], t),
    thread: (input.reviewLogs[n.id] ?? []).filter((e) => e.action === 'feedback' || e.action === 'approved').map((e) => threadLine(e, lang, zone, t)),
    revisions: revisionLines(n, lang, zone, t),
  };
}

function stageTitle(flow: Flow | undefined, stageId: string, fallback: LocalizedText | undefined, lang: Lang): string {
  const s = flow?.stages.find((x) => x.id === stageId);
  return s ? pick(s.title, lang) : fallback ? pick(fallback, lang) : stageId;
}

export function buildCaseReport(input: ReportInput): CaseReport {
  const { case: c, flow, lang, t, zone } = input;
  const notes = [...input.notes].sort(byDate);
  const stageCount = flow?.stages.length ?? notes[0]?.stageCount ?? 0;
  const stageIndex = flow ? flow.stages.findIndex((s) => s.id === c.stageId) : -1;
  const model = flow ? pick(flow.title, lang) : c.flowId;
  const reached = `${stageIndex + 1}/${stageCount} · ${stageTitle(flow, c.stageId, notes.find((n) => n.stageId === c.stageId)?.stageTitle, lang)}`;
  const ended = c.status === 'closed' && c.closure;
  const first = notes[0];
  const last = notes.at(-1);

  const cover = [
    { label: t('report-cover-org'), value: input.orgName ?? '—' },
    // the job title the setting uses (Pembimbing Kemasyarakatan, Pekerja Sosial, Konselor Adiksi, Praktikan)
    { label: t(jobTitleKey(c)), value: input.workerName },
    { label: t('report-cover-supervisors'), value: input.supervisorNames.join(', ') || '—' },
    { label: t('report-cover-client'), value: `${clientWithCode(c)} · ${t(`gender-${c.gender}`)}` },
    { label: t('report-cover-setting'), value: t(`setting-${c.setting}`) },
    ...(c.group ? [{ label: t('report-cover-group'), value: t('case-card-group', { members: c.group.members, youngest: c.age, oldest: c.group.oldest }) }] : []),
    { label: t('report-cover-problem'), value: c.problem },
    // what the intake recorded beyond the client (program, guarantor, substance), the worker's role aside
    ...factWords(c, lang).filter(([id]) => id !== 'peran').map(([id, words]) => ({ label: t(`case-fact-${id}`), value: id === 'akhir_bimbingan' ? longDate(words, lang) : words })),
    { label: t('report-cover-model'), value: model },
    { label: t('report-cover-stage'), value: reached },
    { label: t('report-cover-opened'), value: longDate(dayIn(c.createdAt, zone), lang) },
    { label: t('report-cover-ended'), value: ended ? longDate(dayIn(c.closure!.at, zone), lang) : '—' },
    { label: t('report-cover-status'), value: ended ? `${t('status-closed')} · ${t(`end-reason-${c.closure!.reason}`)}` : t(`status-${c.status}`) },
    ...(ended && c.closure!.note ? [{ label: t('report-cover-end-note'), value: c.closure!.note }] : []),
    { label: t('report-cover-sessions'), value: first && last ? t('report-cover-sessions-value', { count: notes.length, from: longDate(noteDay(first, zone), lang), to: longDate(noteDay(last, zone), lang) }) : '0' },
  ];

  const summaryRows = notes.map((n, i) => {
    const contact = itemOf(n, SHARED.contact);
    return [
      String(i + 1),
      longDate(noteDay(n, zone), lang),
      contact && contact.value !== null ? answerText(contact, lang, t) : '—',
      `${n.stageIndex + 1}. ${stageTitle(flow, n.stageId, n.stageTitle, lang)}`,
      heldWord(n, t),
      t(`csv-review-${input.reviewStates[n.id] ?? 'none'}`),
    ];
  });

  // per stage, in the model's order; within a stage, by session date
  const stages: ReportStage[] = [];
  const numbered = notes.map((n, i) => ({ n, i: i + 1 }));
  const stageOrder = [...new Set(notes.map((n) => n.stageIndex))].sort((a, b) => a - b);
  for (const idx of stageOrder) {
    const inStage = numbered.filter((x) => x.n.stageIndex === idx);
    const sample = inStage[0]!.n;
    stages.push({
      heading: t('report-stage-heading', { index: idx + 1, count: stageCount, stage: stageTitle(flow, sample.stageId, sample.stageTitle, lang) }),
      notes: inStage.map((x) => reportNote(x.n, input, x.i)),
    });
  }

  return {
    lang,
    title: t('supervision-title'),
    // the code beside the initials: two clients "Si (42)" have two reports, told apart on every page
    subtitle: `${clientLabel(c)} · ${caseCode(c.id)} · ${model}`,
    cover,
    summaryHeading: t('report-summary-heading'),
    summaryHead: [t('report-col-no'), t('report-col-date'), t('report-col-contact'), t('report-col-stage'), t('report-col-held'), t('report-col-review')],
    summaryRows,
    stages,
    emptyNotes: t('report-no-notes'),
    footer: t('supervision-footer', { client: clientWithCode(c) }),
    generated: t('report-generated', { date: longDate(dayIn(input.now, zone), lang), name: input.requesterName ?? input.workerName }),
    pageWord: t('report-page'),
    ofWord: t('report-page-of'),
    noneInNote: t('supervision-note-none'),
    factLabels: { review: t('report-fact-review'), thread: t('report-fact-thread'), revisions: t('report-fact-revisions') },
  };
}
