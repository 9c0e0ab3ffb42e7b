// The screens of /tim (src/bot/features/team.ts) as text and buttons: the team list, a worker's
// caseload, the list behind one of its numbers, a case there. Each within a phone's screen: at most
// 10 lines, buttons of at most 24 characters, at most 3 a row.
import { InlineKeyboard } from 'grammy';
import { DateTime } from 'luxon';
import type { Catalog } from '../../catalog/catalog.ts';
import { caseCode, clientLabel, pick, stageNumber, type Lang } from '../../cases/labels.ts';
import { contactFlagWords, contactFlags, lastHeldContact } from '../../cases/contact.ts';
import { DEFAULT_STAGE_WEEKS } from '../../engine/types.ts';
import { listOf, listSizes, stageCounts, type ListEntry, type TeamFilter, type TeamRow } from '../../org/team.ts';
import { dayScore, stageSince } from '../../store/caseload-index.ts';
import type { ViewTime, WorkerCounts, WorkerIndex } from '../../store/caseload-read.ts';
import type { ReviewState } from '../../store/org-records.ts';
import type { CaseRecord, NoteRecord } from '../../store/records.ts';
import type { RiskRecord } from '../../store/risk-records.ts';
import { encode, type Action } from '../../telegram/callback-data.ts';
import { followUpRow } from '../../telegram/review-buttons.ts';
import { mayChart } from '../../export/chart-model.ts';
import { escapeHtml, fitLabel, screenLines, SCREEN_LINES, type Translate } from '../../telegram/format.ts';

export interface TeamScreen {
  text: string;
  keyboard: InlineKeyboard;
}

/** What every screen needs to speak: the reader's words, language, zone and time. */
export interface Speaker {
  t: Translate;
  lang: Lang;
  zone: string;
  time: ViewTime;
  catalog: Catalog;
}

type TeamAction = Extract<Action, { kind: 'team' }>;
const team = (a: Omit<TeamAction, 'kind'>): string => encode({ kind: 'team', ...a });

/** "baru saja" / "5 jam lalu" / "3 hari lalu" (days counted by the calendar, in the reader's zone). */
export function age(s: Speaker, fromMs: number): string {
  const hours = Math.max(0, Math.floor((s.time.now - fromMs) / 3_600_000));
  if (hours === 0) return s.t('age-now');
  if (hours < 48) return s.t('age-hours', { hours });
  const day = (ms: number) => DateTime.fromMillis(ms, { zone: s.zone }).startOf('day');
  return s.t('age-days', { days: Math.round(day(s.time.now).diff(day(fromMs), 'days').days) });
}

/** A short date ("3 Des"), the year only when it is not this year's. */
function short(s: Speaker, d: DateTime): string {
  const local = d.setLocale(s.lang);
  return local.year === DateTime.fromMillis(s.time.now, { zone: s.zone }).year ? local.toFormat('d LLL') : local.toFormat('d LLL yyyy');
}
const dayOf = (s: Speaker, ms: number) => short(s, DateTime.fromMillis(ms, { zone: s.zone }));
/** A day score (00:00 UTC of the day) or an ISO date as the date it names. */
const dayOfScore = (s: Speaker, score: number) => short(s, DateTime.fromMillis(score, { zone: 'utc' }));
const dayOfIso = (s: Speaker, iso: string) => short(s, DateTime.fromISO(iso, { zone: 'utc' }));

/**
 * Items packed into screens: each screen the head and as many items as fit in 10 lines on a phone
 * (some items wrap). Returns where each screen starts; the same items always pack the same way.
 */
export function packScreens(head: string, items: readonly string[], room = SCREEN_LINES): number[] {
  const starts = [0];
  let used = screenLines(head);
  items.forEach((item, i) => {
    const n = screenLines(item);
    if (used + n > room && i > starts[starts.length - 1]!) {
      starts.push(i);
      used = screenLines(head);
    }
    used += n;
  });
  return starts;
}

function pageOf(starts: readonly number[], count: number, page: number): { page: number; pages: number; from: number; to: number } {
  if (starts.length === 0) return { page: 0, pages: 1, from: 0, to: 0 };
  const p = Math.min(Math.max(0, page), starts.length - 1);
  return { page: p, pages: starts.length, from: starts[p]!, to: starts[p + 1] ?? count };
}

/** The keyboard without empty rows: rows are ended freely while building (`kb.row()`), and Telegram
 *  would show an empty one as a gap. */
function tidy(kb: InlineKeyboard): InlineKeyboard {
  const rows = kb.inline_keyboard;
  for (let i = rows.length - 1; i >= 0; i--) if (rows[i]!.length === 0) rows.splice(i, 1);
  return kb;
}

function nav(kb: InlineKeyboard, s: Speaker, page: number, total: number, to: (page: number) => string): void {
  if (total <= 1) return;
  kb.row();
  if (page > 0) kb.text(s.t('btn-prev'), to(page - 1));
  if (page < total - 1) kb.text(s.t('btn-next'), to(page + 1));
  kb.row();
}

/** The marks of a worker's counts, the ones above zero: "📂12 ⚠️2 🚨1". */
function marks(c: WorkerCounts): string {
  const parts = [`📂${c.active}`];
  if (c.overdue) parts.push(`⚠️${c.overdue}`);
  if (c.flagged) parts.push(`🚩${c.flagged}`);
  if (c.stuck) parts.push(`🐢${c.stuck}`);
  if (c.risks) parts.push(`🚨${c.risks}`);
  if (c.awaiting) parts.push(`⏳${c.awaiting}`);
  return parts.join(' ');
}

/** The team, the most pressing first: a line and a button per worker, as many as fit a screen. */
export function teamList(s: Speaker, orgId: string, orgName: string, rows: readonly TeamRow[], page: number): TeamScreen {
  const lines = rows.map((r, i) => `${i + 1}. ${escapeHtml(fitLabel(r.name, 14))}${r.suspended ? ' ⏸' : ''}: ${marks(r.counts)}`);
  const legend = `<i>${escapeHtml(s.t('team-legend'))}</i>`;
  // the head with the widest page number, so that packing does not depend on it
  const head = (p: number, n: number) => `👥 <b>${escapeHtml(fitLabel(orgName, 22))}</b> · ${escapeHtml(s.t('team-count', { workers: rows.length }))}${n > 1 ? ` · ${p}/${n}` : ''}`;
  const starts = packScreens(`${head(99, 99)}\n${legend}`, lines);
  const p = pageOf(starts, rows.length, page);
  const kb = new InlineKeyboard();
  rows.slice(p.from, p.to).forEach((r, i) => {
    kb.text(fitLabel(`${p.from + i + 1}. ${r.counts.untaken ? '🚨 ' : ''}${r.name}`), team({ op: 'worker', orgId, page: 0, workerId: r.userId }));
    if (i % 2 === 1) kb.row();
  });
  nav(kb, s, p.page, p.pages, (to) => team({ op: 'list', orgId, page: to }));
  const body = rows.length ? [...lines.slice(p.from, p.to), legend] : [escapeHtml(s.t('team-empty'))];
  return { text: [head(p.page + 1, p.pages), ...body].join('\n'), keyboard: tidy(kb) };
}

/** A worker's caseload: per model and stage, the dates that matter, and a button per number. */
export function workerScreen(s: Speaker, orgId: string, workerId: number, name: string, ix: WorkerIndex, c: WorkerCounts): TeamScreen {
  const head = `👤 <b>${escapeHtml(fitLabel(name, 16))}</b> · ${escapeHtml(s.t('team-active', { count: c.active }))}`;
  const fixed = [
    `🕐 ${escapeHtml(c.lastHeld !== undefined ? s.t('team-last-held', { date: dayOf(s, c.lastHeld), age: age(s, c.lastHeld) }) : s.t('team-never-held'))}`,
    `📅 ${escapeHtml(c.nextMeeting !== undefined ? s.t('team-next-meeting', { date: dayOfScore(s, c.nextMeeting) }) : s.t('team-no-meeting'))}`,
    // late and lost contact, and cases long in a stage, only when there are some (room for the models)
    ...(c.overdue || c.flagged ? [`⚠️ ${escapeHtml(s.t('team-overdue', { count: c.overdue }))} · 🚩 ${escapeHtml(s.t('team-flagged', { count: c.flagged }))}`] : []),
    ...(c.stuck ? [`🐢 ${escapeHtml(s.t('team-stuck', { count: c.stuck }))}`] : []),
    `🚨 ${escapeHtml(c.risks ? s.t(c.untaken ? 'team-risks' : 'team-risks-taken', { count: c.risks, untaken: c.untaken }) : s.t('team-no-risks'))}`,
    `⏳ ${escapeHtml(c.awaiting ? s.t('team-awaiting', { count: c.awaiting, age: age(s, c.oldestAwaiting!) }) : s.t('team-no-awaiting'))}`,
  ];
  // the models and their stages in what room is left; the rest counted (📂 Semua lists every case)
  const room = SCREEN_LINES - screenLines([head, ...fixed].join('\n'));
  const models = stageCounts(ix, s.catalog).map(({ flowId, stages }) => {
    const flow = s.catalog.get(flowId);
    const list = stages.map((st) => `${st.index >= 0 ? st.index + 1 : st.stageId}: ${st.count}`).join(' · ');
    return `📂 ${escapeHtml(`${flow ? pick(flow.short, s.lang) : flowId} — ${s.t('team-stage-short')} ${list}`)}`;
  });
  const shownModels: string[] = [];
  for (const [i, line] of models.entries()) {
    const rest = models.length - i - 1;
    const more = rest ? `📂 ${escapeHtml(s.t('team-more-models', { count: rest }))}` : '';
    if (screenLines([...shownModels, line, ...(more ? [more] : [])].join('\n')) > room) {
      // none fits whole: the count of models, and where each case is listed
      shownModels.push(`📂 ${escapeHtml(i === 0 ? s.t('team-models', { count: models.length }) : s.t('team-more-models', { count: models.length - i }))}`);
      break;
    }
    shownModels.push(line);
  }
  const kb = new InlineKeyboard();
  const sizes = listSizes(c);
  const shown = (['all', 'overdue', 'flagged', 'stuck', 'risks', 'awaiting'] as const).filter((f) => sizes[f] > 0);
  shown.forEach((f, i) => {
    kb.text(s.t(`btn-team-${f}`, { count: sizes[f] }), team({ op: 'cases', orgId, page: 0, workerId, filter: f }));
    if (i % 2 === 1) kb.row();
  });
  kb.row();
  kb.text(s.t('btn-team-back'), team({ op: 'list', orgId, page: 0 }));
  return { text: [head, ...shownModels, ...fixed].join('\n'), keyboard: tidy(kb) };
}

/** Why a case is on a list, in a few words. */
function why(s: Speaker, filter: TeamFilter, e: ListEntry, c: CaseRecord): string {
  const held = lastHeldContact(c);
  switch (filter) {
    case 'all':
      return held ? s.t('team-why-held', { age: age(s, Date.parse(held)) }) : s.t('team-why-never-held');
    case 'overdue':
      // late against its own cadence: said, as the digest says it
      return held
        ? s.t('team-why-held-cadence', { age: age(s, Date.parse(held)), cadence: s.t(`cadence-${c.monitoring?.cadence ?? 'weekly'}`) })
        : s.t('team-why-never-held');
    case 'flagged':
      return contactFlagWords(contactFlags(c, s.time.now, s.zone), s.t, s.lang).join(' · ');
    case 'stuck': {
      const weeks = s.catalog.stage(c.flowId, c.stageId)?.weeks ?? DEFAULT_STAGE_WEEKS;
      return s.t('team-why-stuck', { date: dayOf(s, Date.parse(stageSince(c))), weeks });
    }
    case 'risks':
      return s.t(e.untaken ? 'team-why-risk-untaken' : 'team-why-risk', { age: age(s, e.at!) });
    case 'awaiting':
      return s.t('team-why-awaiting', { age: age(s, e.at!) });
  }
}

export interface ListContext {
  orgId: string;
  workerId: number;
  name: string;
  filter: TeamFilter;
  page: number;
  /** the viewer supervises the worker: a note awaiting review opens for review at once */
  supervises: boolean;
}

/** The list behind one of a worker's numbers: a line and a button per case, as many as fit a screen. */
export function caseList(s: Speaker, l: ListContext, ix: WorkerIndex, cases: Record<string, CaseRecord>): TeamScreen {
  const entries = listOf(ix, l.filter, s.time).filter((e) => cases[e.caseId] !== undefined);
  const lines = entries.map((e, i) => {
    const c = cases[e.caseId]!;
    const { index, count } = stageNumber(c, s.catalog.get(c.flowId));
    return `${i + 1}. ${escapeHtml(`${clientLabel(c)} · ${s.t('team-stage-short')} ${index}/${count} · ${why(s, l.filter, e, c)}`)}`;
  });
  const what = s.t(`team-list-${l.filter}`);
  const head = (p: number, n: number) => `👤 <b>${escapeHtml(fitLabel(l.name, 14))}</b> · ${escapeHtml(`${what} (${entries.length})`)}${n > 1 ? ` · ${p}/${n}` : ''}`;
  const starts = packScreens(head(99, 99), lines);
  const p = pageOf(starts, entries.length, l.page);
  const kb = new InlineKeyboard();
  entries.slice(p.from, p.to).forEach((e, i) => {
    const c = cases[e.caseId]!;
    const open: TeamAction | Extract<Action, { kind: 'review' }> =
      e.noteId && l.supervises
        ? { kind: 'review', op: 'view', workerId: l.workerId, caseId: c.id, noteId: e.noteId }
        : { kind: 'team', op: 'case', orgId: l.orgId, page: 0, workerId: l.workerId, filter: l.filter, caseId: c.id };
    kb.text(fitLabel(`${p.from + i + 1}. ${clientLabel(c)} ${caseCode(c.id)}`), encode(open));
    if (i % 2 === 1) kb.row();
  });
  nav(kb, s, p.page, p.pages, (to) => team({ op: 'cases', orgId: l.orgId, page: to, workerId: l.workerId, filter: l.filter }));
  kb.row();
  kb.text(fitLabel(`⬅️ ${l.name}`), team({ op: 'worker', orgId: l.orgId, page: 0, workerId: l.workerId }));
  const body = lines.length ? lines.slice(p.from, p.to) : [escapeHtml(s.t('team-list-empty'))];
  return { text: [head(p.page + 1, p.pages), ...body].join('\n'), keyboard: tidy(kb) };
}

/** Notes of a case on one screen (newest first), as buttons. */
const NOTE_PAGE = 6;

export interface CaseContext extends ListContext {
  caseId: string;
  /** an admin who does not supervise the worker: the case's facts, its admin card, not its notes */
  adminOnly: boolean;
}

/** A case on /tim: where it stands, its open risks, its notes to read, approve or answer. */
export function caseScreen(s: Speaker, l: CaseContext, c: CaseRecord, notes: Record<string, NoteRecord>, states: Record<string, ReviewState>, risks: readonly RiskRecord[]): TeamScreen {
  const flow = s.catalog.get(c.flowId);
  const { index, count } = stageNumber(c, flow);
  const stage = flow?.stages.find((st) => st.id === c.stageId);
  const held = lastHeldContact(c);
  const flags = contactFlagWords(contactFlags(c, s.time.now, s.zone), s.t, s.lang);
  const open = risks.filter((r) => !r.done).sort((a, b) => a.alert.raisedAt.localeCompare(b.alert.raisedAt));
  const list = Object.values(notes).sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id));
  const waiting = list.filter((n) => states[n.id] === 'menunggu').length;
  const planned = c.lastNote?.nextMeeting;
  const nextMeeting = planned && dayScore(planned) >= s.time.today ? planned : undefined;
  const title = `👤 ${escapeHtml(fitLabel(l.name, 14))} · <b>${escapeHtml(clientLabel(c))}</b> ${caseCode(c.id)}${c.status === 'closed' ? ` · ${escapeHtml(s.t('team-closed'))}` : ''}`;
  const stageLine = `📂 ${escapeHtml(`${flow ? pick(flow.short, s.lang) : c.flowId} ${index}/${count}${stage ? `: ${fitLabel(pick(stage.title, s.lang), 26)}` : ''}`)}`;
  const since = `   ${escapeHtml(s.t('team-since', { date: dayOf(s, Date.parse(stageSince(c))) }))}`;
  const contact = [
    `🕐 ${escapeHtml(held ? s.t('team-last-held', { date: dayOf(s, Date.parse(held)), age: age(s, Date.parse(held)) }) : s.t('team-never-held'))}`,
    // a planned day already past is no next meeting (the 🚩 line says it passed)
    `📅 ${escapeHtml(nextMeeting ? s.t('team-next-meeting', { date: dayOfIso(s, nextMeeting) }) : s.t('team-no-meeting'))}`,
  ];
  const flagLine = flags.length ? [`🚩 ${escapeHtml(flags.join(' · '))}`] : [];
  const tail = `📝 ${escapeHtml(l.adminOnly ? s.t('team-notes-admin', { count: list.length }) : s.t('team-notes', { count: list.length, waiting }))}`;
  // a risk line names its flags for those who read the notes; an admin who does not is told there is one
  const riskLine = (r: RiskRecord) => {
    // the flags whole: a danger sign is never cut short (the screen makes room, or counts the rest)
    const what = l.adminOnly ? s.t('team-risk-open') : r.alert.flags.map((f) => pick(f, s.lang)).join(', ');
    return `🚨 ${escapeHtml(`${what} · ${age(s, Date.parse(r.alert.raisedAt))} · ${r.taken ? s.t('digest-risk-taken', { name: r.taken.byName }) : s.t('digest-risk-untaken')}`)}`;
  };
  const more = (n: number) => `🚨 ${escapeHtml(s.t('team-more-risks', { count: n }))}`;
  const compose = (withSince: boolean, withFlags: boolean, risks: number) => [
    title,
    stageLine,
    ...(withSince ? [since] : []),
    ...contact,
    ...(withFlags ? flagLine : []),
    ...open.slice(0, risks).map(riskLine),
    ...(open.length > risks ? [more(open.length - risks)] : []),
    tail,
  ];
  // within a phone's screen: an open risk comes before the stage's date and the contact flags (both
  // also on the lists behind /tim's numbers); the risks that do not fit are counted
  const fits = (lines: string[]) => screenLines(lines.join('\n')) <= SCREEN_LINES;
  const tries: [boolean, boolean][] = [[true, true], [false, true], [false, false]];
  let lines = compose(false, false, Math.min(open.length, 1));
  search: for (let risks = open.length; risks >= Math.min(open.length, 1); risks--) {
    for (const [withSince, withFlags] of tries) {
      const candidate = compose(withSince, withFlags, risks);
      if (fits(candidate)) {
        lines = candidate;
        break search;
      }
    }
  }
  const kb = new InlineKeyboard();
  const first = open[0];
  if (first && !l.adminOnly) followUpRow(s.t, { workerId: l.workerId, caseId: c.id, riskId: first.alert.id, orgId: l.orgId }, first.taken !== undefined, kb).row();

  const p = pageOf(list.map((_, i) => i).filter((i) => i % NOTE_PAGE === 0), list.length, l.page);
  if (!l.adminOnly) {
    list.slice(p.from, p.from + NOTE_PAGE).forEach((n, i) => {
      const mark = states[n.id] === 'menunggu' ? ' ⏳' : states[n.id] === 'perlu_perbaikan' ? ' ✏️' : states[n.id] === 'disetujui' ? ' ✅' : '';
      const day = n.sessionDate ?? DateTime.fromISO(n.createdAt, { zone: s.zone }).toISODate()!;
      kb.text(fitLabel(`${list.length - p.from - i}) ${dayOfIso(s, day)}${mark}`), encode({ kind: 'review', op: 'view', workerId: l.workerId, caseId: c.id, noteId: n.id }));
      if (i % 2 === 1) kb.row();
    });
    nav(kb, s, p.page, p.pages, (to) => team({ op: 'case', orgId: l.orgId, page: to, workerId: l.workerId, filter: l.filter, caseId: c.id }));
    kb.row();
    if (list.length) {
      const of = (what: 'docx' | 'pdf' | 'chart') => encode({ kind: 'report-of', workerId: l.workerId, caseId: c.id, what });
      kb.text(s.t('btn-report-docx'), of('docx')).text(s.t('btn-report-pdf'), of('pdf'));
      // 📈 only where a chart can exist (the press checks the same)
      if (mayChart(flow, { noteCount: list.length, ...(c.rated !== undefined ? { rated: c.rated } : {}) })) kb.text(s.t('btn-chart'), of('chart'));
      kb.row();
    }
  } else {
    kb.text(s.t('btn-team-manage'), encode({ kind: 'adm-case', orgId: l.orgId, op: 'card', workerId: l.workerId, caseId: c.id })).row();
  }
  kb.row();
  kb.text(s.t('btn-team-list'), team({ op: 'cases', orgId: l.orgId, page: 0, workerId: l.workerId, filter: l.filter }));
  return { text: lines.join('\n'), keyboard: tidy(kb) };
}
