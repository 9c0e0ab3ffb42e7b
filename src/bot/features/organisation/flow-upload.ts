// What publishing a flow from the chat needs besides its screens: the download with its size
// limits, the problems in the admin's words, the preview as a worker would see it.
import { InlineKeyboard } from 'grammy';
import { pick } from '../../../cases/labels.ts';
import { commonSources } from '../../../catalog/load-flows.ts';
import { type UploadCheck } from '../../../catalog/org-flow.ts';
import { problemText, splitProblem } from '../../../catalog/problem-words.ts';
import { LIMITS } from '../../../engine/flow-limits.ts';
import { estimatedTotal } from '../../../engine/step.ts';
import type { SourceFile } from '../../../engine/flow-compiler.ts';
import { encode, type FlowOp } from '../../../telegram/callback-data.ts';
import { escapeHtml } from '../../../telegram/format.ts';
import { downloadSentFile } from '../../sent-file.ts';
import type { BotContext } from '../../context.ts';
import { lang } from '../../lang.ts';
import { renderAsk } from '../../render/form.ts';

/** Problems shown in one reply; the rest are counted (a phone screen, not a log). */
const SHOWN_PROBLEMS = 12;
/** One problem's text at most: a problem may quote the file (a 100 KB "type"), a message holds 4,096. */
const PROBLEM_CHARS = 240;

let commons: Promise<SourceFile[]> | undefined;
/** The built-in shared header and footer an uploaded flow may include (read once). */
export function builtinCommons(): Promise<SourceFile[]> {
  commons ??= commonSources();
  return commons;
}

export function flowButton(orgId: string, op: FlowOp, ref: string): string {
  return encode({ kind: 'flow', orgId, op, ref });
}

export function isFlowFile(name: string | undefined): boolean {
  return name !== undefined && /\.ya?ml$/i.test(name);
}

export function resolveQuestionType(ctx: BotContext, act: NonNullable<BotContext['session']['activity']>): string | undefined {
  if (act.kind === 'intake') return undefined;
  return ctx.deps.catalog.stage(act.flowId, act.stageId, act.flowVersion)?.questions.find((q) => q.id === act.form.cursor)?.type;
}

/** The file's text, or why not: over the limit while downloading, or not downloadable / not UTF-8. */
export async function download(ctx: BotContext, fileId: string): Promise<string | 'too-big' | undefined> {
  const bytes = await downloadSentFile(ctx, fileId, LIMITS.maxBytes);
  if (bytes === undefined || bytes === 'too-big') return bytes;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    ctx.log.warn('flow file is not UTF-8');
    return undefined;
  }
}

/** Why an uploaded file cannot be published: its problems, or that checking it took too long. */
export async function replyRefused(ctx: BotContext, fileName: string, check: Extract<UploadCheck, { ok: false }>): Promise<void> {
  if ('problems' in check) return replyProblems(ctx, fileName, check.problems);
  ctx.log.warn({ limitMs: check.stopped.limitMs }, 'flow file check stopped at its time limit');
  const seconds = Math.max(1, Math.ceil(check.stopped.limitMs / 1000));
  await ctx.reply(ctx.t('flow-check-stopped', { file: escapeHtml(fileName), seconds }), { parse_mode: 'HTML' });
}

async function replyProblems(ctx: BotContext, fileName: string, problems: string[]): Promise<void> {
  const l = lang(ctx);
  const lines = problems.slice(0, SHOWN_PROBLEMS).map((p) => {
    const x = splitProblem(p);
    const where = x.where ? ` <code>${escapeHtml(x.where)}</code>` : '';
    const text = problemText(x.text, l);
    // not between the halves of an emoji: Telegram refuses a lone surrogate
    const clipped = text.length > PROBLEM_CHARS ? `${text.slice(0, PROBLEM_CHARS - 1).replace(/[\uD800-\uDBFF]$/, '')}…` : text;
    return `• ${escapeHtml(ctx.t('flow-problem-at', { line: x.line, column: x.column }))}${where}: ${escapeHtml(clipped)}`;
  });
  const more = problems.length > SHOWN_PROBLEMS ? `\n${escapeHtml(ctx.t('flow-problems-more', { count: problems.length - SHOWN_PROBLEMS }))}` : '';
  await ctx.reply(`${ctx.t('flow-problems', { file: escapeHtml(fileName), count: problems.length })}\n${lines.join('\n')}${more}`, { parse_mode: 'HTML' });
}

export async function showPreview(ctx: BotContext, check: Extract<UploadCheck, { ok: true }>, token: string, orgId: string): Promise<void> {
  const l = lang(ctx);
  const f = check.flow;
  const shared = new Set(check.shared);
  const stages = f.stages.map((s, i) => {
    const own = s.questions.filter((q) => !shared.has(q.id)).length;
    return escapeHtml(ctx.t('flow-preview-stage', { index: i + 1, title: pick(s.title, l), own, typical: estimatedTotal(s) }));
  });
  const text = [
    ctx.t('flow-preview', { title: escapeHtml(pick(f.title, l)), version: f.version, stages: f.stages.length }),
    ...stages,
    '',
    ctx.t(check.previous ? 'flow-preview-next' : 'flow-preview-first', { previous: check.previous ?? 0 }),
  ].join('\n');
  await ctx.reply(text, { parse_mode: 'HTML' });
  // the first question of the first stage that is the flow's own, as a worker will see it
  const stage = f.stages[0]!;
  const sample = stage.questions.find((q) => !shared.has(q.id)) ?? stage.questions[0]!;
  const form = { questions: stage.questions };
  const m = renderAsk(
    { kind: 'ask', question: sample, index: stage.questions.indexOf(sample) + 1, total: estimatedTotal(stage), approx: false, canBack: true },
    { form, token: 'preview', lang: l, t: ctx.t.bind(ctx), header: ctx.t('flow-preview-header', { stage: pick(stage.title, l) }), hasGuide: true },
  );
  await ctx.reply(`${escapeHtml(ctx.t('flow-preview-sample'))}\n\n${m.text}`, { parse_mode: 'HTML', ...(m.keyboard ? { reply_markup: m.keyboard } : {}) });
  const kb = new InlineKeyboard()
    .text(ctx.t('btn-flow-publish'), flowButton(orgId, 'publish', token))
    .text(ctx.t('btn-flow-cancel'), flowButton(orgId, 'cancel', token));
  await ctx.reply(ctx.t('flow-confirm', { title: escapeHtml(pick(f.title, l)) }), { parse_mode: 'HTML', reply_markup: kb });
}
