// Opening a case (/kasus_baru), the list of cases (/kasus) and a case's card.
import { Composer, InlineKeyboard } from 'grammy';
import { riskIndexOps } from '../../store/caseload-index.ts';
import { caseCode, caseLabel, clientLabel, pick } from '../../cases/labels.ts';
import { formatDate } from '../../engine/dates.ts';
import { encode } from '../../telegram/callback-data.ts';
import { reportCaseData } from './institution-form-button.ts';
import type { BotContext } from '../context.ts';
import { Buttons } from '../buttons.ts';
import { begin, beginAt } from '../activity/runner.ts';
import { caseEditForm } from '../../cases/intake-form.ts';
import { firstUnanswered } from '../../engine/step.ts';
import { factWords } from '../../cases/intake-facts.ts';
import { ack } from '../actions.ts';
import { lang } from '../lang.ts';
import { localDay, nowIso, userZone } from '../time.ts';
import { contactFlagWords, contactFlags } from '../../cases/contact.ts';
import { escapeHtml } from '../../telegram/format.ts';
import { noActivityInProgress } from './drafts.ts';
import { ownCase, showCasePicker } from './case-picker.ts';
import { dropButtons } from '../edits.ts';
import { refusedOverCaseLimit } from '../case-limit.ts';
import { caseCharts } from './reports.ts';

export const cases = new Composer<BotContext>();
export const casesButtons = new Buttons();

async function newCase(ctx: BotContext): Promise<void> {
  if (!(await noActivityInProgress(ctx))) return;
  if (await refusedOverCaseLimit(ctx)) return;
  await ctx.reply(ctx.t('intake-intro'));
  await begin(ctx, { kind: 'intake' });
}

cases.command(['kasus_baru', 'newcase'], newCase);
casesButtons.menu('new', newCase);

cases.command(['kasus', 'cases'], (ctx) => showCasePicker(ctx, 'cases'));
casesButtons.menu('cases', async (ctx) => {
  await showCasePicker(ctx, 'cases');
});

casesButtons.on('case-page', async (ctx, a) => {
  ack(ctx);
  await showCasePicker(ctx, a.purpose, a.page);
});

casesButtons.on('case-card', async (ctx, a) => {
  const c = await ownCase(ctx, a.caseId);
  if (!c) return;
  ack(ctx);
  const l = lang(ctx);
  const flow = ctx.deps.catalog.get(c.flowId);
  const stage = flow?.stages.find((s) => s.id === c.stageId);
  const text = ctx.t('case-card', {
    label: escapeHtml(caseLabel(c, flow, l)),
    gender: ctx.t(`gender-${c.gender}`),
    setting: ctx.t(`setting-${c.setting}`),
    problem: escapeHtml(c.problem),
    model: escapeHtml(flow ? pick(flow.title, l) : c.flowId),
    stage: escapeHtml(stage ? pick(stage.title, l) : c.stageId),
    notes: c.noteCount,
    last: c.lastNoteAt ? formatDate(localDay(ctx, c.lastNoteAt), l) : '—',
    status: ctx.t(`status-${c.status}`),
    // the code the audit log names this case by (it holds ids, never the client)
    code: caseCode(c.id),
  });
  // a group's size and ages; the facts the intake recorded (or how to add them, on an older case)
  const group = c.group ? [escapeHtml(ctx.t('case-card-group', { members: c.group.members, youngest: c.age, oldest: c.group.oldest }))] : [];
  const facts = factWords(c, l).map(([id, words]) => `${ctx.t(`case-fact-${id}`)}: ${escapeHtml(id === 'akhir_bimbingan' ? formatDate(words, l) : words)}`);
  const factLines = facts.length ? facts : [ctx.t('case-facts-none')];
  // the weeks the worker skipped, and why (newest first, the last three)
  const skips = (c.monitoring?.skipped ?? []).slice(-3).reverse();
  const skipLines = skips.map((s) =>
    escapeHtml(ctx.t('case-card-skip', { date: formatDate(localDay(ctx, new Date(s.occurrence).toISOString()), l), reason: s.reason ?? '—' })),
  );
  const closure = c.status === 'closed' && c.closure
    ? [escapeHtml(ctx.t('case-card-closure', { date: formatDate(localDay(ctx, c.closure.at), l), reason: ctx.t(`end-reason-${c.closure.reason}`) })), ...(c.closure.note ? [escapeHtml(c.closure.note)] : [])]
    : [];
  // signs of lost contact, as the supervisor's digest shows them (src/cases/contact.ts)
  const flags = contactFlags(c, Date.parse(nowIso(ctx)), userZone(ctx));
  const why = contactFlagWords(flags, ctx.t.bind(ctx), l);
  const attention = why.length ? [`🚩 ${escapeHtml(why.join(' · '))}`] : [];
  const kb = new InlineKeyboard();
  if (c.status === 'active') kb.text(ctx.t('btn-note'), encode({ kind: 'note-case', caseId: c.id }));
  else kb.text(ctx.t('btn-reopen'), encode({ kind: 'reopen-case', caseId: c.id }));
  kb.text(ctx.t('btn-history'), encode({ kind: 'history', caseId: c.id, page: 0 }));
  if (c.status === 'active') kb.row().text(ctx.t('btn-end-case'), encode({ kind: 'close-case', caseId: c.id }));
  if (c.status === 'active') kb.row().text(ctx.t('btn-case-edit'), encode({ kind: 'case-edit', caseId: c.id }));
  kb.row().text(ctx.t('btn-report'), reportCaseData(ctx, c));
  if (caseCharts(ctx, c)) kb.text(ctx.t('btn-chart'), encode({ kind: 'report-make', caseId: c.id, what: 'chart' }));
  kb.row().text(ctx.t('btn-case-delete'), encode({ kind: 'case-delete', caseId: c.id, confirm: false }));
  await ctx.reply([text, ...group, ...factLines, ...attention, ...closure, ...skipLines].join('\n'), { parse_mode: 'HTML', reply_markup: kb });
});

/** "✏️ Ubah data kasus": the case's setting, problem and facts at their review, each one a press
 *  from being changed (the same review as a note's); saved as the case's data. */
casesButtons.on('case-edit', async (ctx, a) => {
  const c = await ownCase(ctx, a.caseId);
  if (!c || !(await noActivityInProgress(ctx))) return;
  if (c.status !== 'active') return ack(ctx, ctx.t('stale-button'));
  ack(ctx);
  const { form, answers } = caseEditForm(ctx.deps.catalog, c);
  // an older case has facts never asked: those first, then the review
  const missing = firstUnanswered(form, answers);
  await beginAt(ctx, { kind: 'intake', caseId: c.id }, { answers, cursor: missing?.id ?? null, history: [], editing: false });
});

casesButtons.on('reopen-case', async (ctx, a) => {
  const c = await ownCase(ctx, a.caseId);
  if (!c) return;
  ack(ctx);
  await dropButtons(ctx);
  if (c.status === 'active') return;
  if (await refusedOverCaseLimit(ctx)) return;
  ctx.uow.putCase({ ...c, status: 'active', updatedAt: nowIso(ctx) });
  // its alerts not followed up count again in the caseload index (ending the case took them out)
  const risks = ctx.uow.caseRisks;
  if (risks && c.orgId) ctx.uow.alsoWriteOps(riskIndexOps(ctx.deps.store.keys, ctx.uow.userId, c.orgId, c.id, risks));
  ctx.uow.scheduleChanged = true; // its reminders resume
  await ctx.reply(ctx.t('case-reopened', { client: clientLabel(c) }));
});
