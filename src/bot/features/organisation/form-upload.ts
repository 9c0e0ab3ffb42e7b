// What taking an institution's Word form from the chat needs besides its screens: the download with
// its size limit, the file's checks in order (form-file.ts, then the placeholders, form-template.ts),
// and the problems in the admin's words, each placeholder named with where it is in the document.
import { downloadSentFile } from '../../sent-file.ts';
import { FORM_MAX_BYTES, FormFileError, repackForm } from '../../../export/form-file.ts';
import { checkForm, FORM_PROBLEMS_SHOWN, type FormProblem, type FormWhere } from '../../../export/form-template.ts';
import { escapeHtml } from '../../../telegram/format.ts';
import type { BotContext } from '../../context.ts';

/** The sent form's bytes, or why not (src/bot/sent-file.ts); `max`: a letterhead's logo has its own. */
export function downloadForm(ctx: BotContext, fileId: string, max = FORM_MAX_BYTES): Promise<Buffer | 'too-big' | undefined> {
  return downloadSentFile(ctx, fileId, max);
}

export type FormCheck = { ok: true } | { ok: false; text: string };

/** The sent bytes checked as a file, then as a template; the refusal already in the admin's words. */
export async function checkSentForm(ctx: BotContext, bytes: Buffer, fileName: string): Promise<FormCheck> {
  let docx: Buffer;
  try {
    docx = repackForm(bytes, fileName);
  } catch (err) {
    if (!(err instanceof FormFileError)) throw err;
    return { ok: false, text: ctx.t(`form-file-${err.problem}`, { max: FORM_MAX_BYTES / (1024 * 1024) }) };
  }
  const problems = await checkForm(docx);
  if (problems.length > 0) return { ok: false, text: problemsText(ctx, fileName, problems) };
  return { ok: true };
}

function whereText(ctx: BotContext, w: FormWhere): string {
  switch (w.kind) {
    case 'picture':
      return ctx.t('form-where-picture');
    case 'cell':
      return ctx.t('form-where-cell', { row: w.row, column: w.column, start: w.start || '…' });
    case 'paragraph':
      return w.start ? ctx.t('form-where-paragraph', { start: w.start }) : ctx.t('form-where-empty');
  }
}

function problemLine(ctx: BotContext, p: FormProblem): string {
  const name = `<code>{${escapeHtml(p.kind === 'syntax' ? '' : p.name)}}</code>`;
  switch (p.kind) {
    case 'syntax':
      return escapeHtml(ctx.t('form-problem-syntax', { detail: p.detail }));
    case 'unknown': {
      const near = p.near ? ` ${escapeHtml(ctx.t('form-problem-near', { name: `{${p.near}}` }))}` : '';
      return `${ctx.t('form-problem-unknown', { name })} ${escapeHtml(whereText(ctx, p.where))}.${near}`;
    }
    case 'outside-loop':
      return `${ctx.t('form-problem-outside-loop', { name })} ${escapeHtml(whereText(ctx, p.where))}.`;
    case 'loop':
      return `${ctx.t('form-problem-loop', { name: `<code>{#${escapeHtml(p.name)}}</code>` })} ${escapeHtml(whereText(ctx, p.where))}.`;
  }
}

function problemsText(ctx: BotContext, fileName: string, problems: FormProblem[]): string {
  const lines = problems.slice(0, FORM_PROBLEMS_SHOWN).map((p) => `• ${problemLine(ctx, p)}`);
  const more = problems.length > FORM_PROBLEMS_SHOWN ? [escapeHtml(ctx.t('form-problems-more', { count: problems.length - FORM_PROBLEMS_SHOWN }))] : [];
  return [ctx.t('form-problems', { file: escapeHtml(fileName), count: problems.length }), ...lines, ...more, escapeHtml(ctx.t('form-problems-how'))].join('\n');
}
