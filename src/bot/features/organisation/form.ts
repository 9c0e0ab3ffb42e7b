// The institution's own Word form (/lembaga → 📄 Formulir laporan): an admin sends the office's
// .docx with placeholders as a document; the bot checks it (size, a real Word file without macros,
// no zip bomb, every placeholder known — else each one named with where it is), and the export worker
// sends it back filled with the organisation's latest case, with ✅ Terbitkan / ✖️ Batal under it.
// Publishing stores it under the organisation (src/store/form-records.ts), audited; 🗑 removes it.
// The vocabulary is docs/formulir-lembaga.md; the screen shows its short version.
import { Composer, InlineKeyboard } from 'grammy';
import { mayManage } from '../../../org/access.ts';
import { nameProblem, FORM_MAX_BYTES } from '../../../export/form-file.ts';
import { longDate, dayIn } from '../../../export/dates.ts';
import { CHART_IMAGE, NOTE_LOOP } from '../../../export/form-data.ts';
import { removeForm, writeForm, type FormMeta } from '../../../store/form-records.ts';
import { newId } from '../../../store/ids.ts';
import { encode, type FormAdminOp } from '../../../telegram/callback-data.ts';
import { escapeHtml } from '../../../telegram/format.ts';
import type { BotContext } from '../../context.ts';
import { Buttons } from '../../buttons.ts';
import { ack } from '../../actions.ts';
import { lang } from '../../lang.ts';
import { nowIso, userZone } from '../../time.ts';
import { dropButtons, editOrSend } from '../../edits.ts';
import { jobBase, overDailyCap, queueExport } from '../export-requests.ts';
import { audit, orgButton } from './common.ts';
import { resolveQuestionType } from './flow-upload.ts';
import { checkSentForm, downloadForm } from './form-upload.ts';

export const orgForm = new Composer<BotContext>();
export const orgFormButtons = new Buttons();

export function formButton(orgId: string, op: FormAdminOp, ref?: string): string {
  return encode({ kind: 'form-admin', orgId, op, ...(ref ? { ref } : {}) });
}

/** A Word file by its name: .docx, and the macro-enabled ones it is refused as (.docm, .dotm). */
function isWordFile(name: string | undefined): boolean {
  return name !== undefined && /\.(docx|docm|dotm)$/i.test(name);
}

/** The short vocabulary the screen shows (the whole: docs/formulir-lembaga.md). */
const SHORT_FIELDS = ['lembaga.nama', 'klien.kode', 'klien.inisial', 'klien.usia', 'periode', 'petugas.nama'];
const SHORT_LOOP = [`#${NOTE_LOOP}`, 'tanggal', 'tujuan', 'proses', 'rencana', `/${NOTE_LOOP}`];
const codes = (names: string[]) => names.map((n) => `<code>{${n}}</code>`).join(' ');

/** The screen: what the form is for, the short vocabulary, the form published now (with 🗑). */
async function showForm(ctx: BotContext, orgId: string, meta: FormMeta | null | undefined): Promise<void> {
  const kb = new InlineKeyboard();
  const state = meta
    ? ctx.t('form-state-published', { file: escapeHtml(meta.fileName), date: longDate(dayIn(meta.publishedAt, userZone(ctx)), lang(ctx)) })
    : ctx.t('form-state-none');
  if (meta) kb.text(ctx.t('btn-form-remove'), formButton(orgId, 'remove')).row();
  kb.text(ctx.t('btn-back'), orgButton(orgId, { op: 'menu' }));
  const vocabulary = { fields: codes(SHORT_FIELDS), loop: codes(SHORT_LOOP), chart: codes([CHART_IMAGE]) };
  await editOrSend(ctx, [ctx.t('form-screen', { max: FORM_MAX_BYTES / (1024 * 1024), ...vocabulary }), '', state].join('\n'), { parse_mode: 'HTML', reply_markup: kb });
}

orgForm.on('message:document', async (ctx, next) => {
  const doc = ctx.message.document;
  const m = ctx.uow.membership;
  // a worker's document, or a Word file sent as the answer to a file question, is not an upload
  const act = ctx.session.activity;
  const asksFile = act?.form.cursor ? resolveQuestionType(ctx, act) === 'file' : false;
  if (!isWordFile(doc.file_name) || !m || m.role !== 'admin' || asksFile) return next();
  const fileName = doc.file_name ?? 'formulir.docx';
  // by name and by Telegram's size first, before anything is downloaded
  const named = nameProblem(fileName);
  if (named) {
    await ctx.reply(ctx.t(`form-file-${named}`, { max: FORM_MAX_BYTES / (1024 * 1024) }));
    return;
  }
  if ((doc.file_size ?? 0) > FORM_MAX_BYTES) {
    await ctx.reply(ctx.t('form-file-too-big', { max: FORM_MAX_BYTES / (1024 * 1024) }));
    return;
  }
  const bytes = await downloadForm(ctx, doc.file_id);
  if (bytes === undefined || bytes === 'too-big') {
    await ctx.reply(ctx.t(bytes ? 'form-file-too-big' : 'form-download-failed', { max: FORM_MAX_BYTES / (1024 * 1024) }));
    return;
  }
  const check = await checkSentForm(ctx, bytes, fileName);
  ctx.log.info({ orgId: m.orgId, ok: check.ok, bytes: bytes.length }, 'institution form checked');
  if (!check.ok) {
    await ctx.reply(check.text, { parse_mode: 'HTML' });
    return;
  }
  if (await overDailyCap(ctx)) return;
  const token = newId(8);
  ctx.session.formUpload = { token, orgId: m.orgId, fileId: doc.file_id, fileName };
  // the preview shows a case to the admin: on the record (the upload's token and size: a file's name is
  // the admin's free text, and the audit keeps ids only)
  audit(ctx, m.orgId, 'form-preview', { token, bytes: String(bytes.length) });
  await ctx.reply(ctx.t('form-checked', { file: escapeHtml(fileName) }), { parse_mode: 'HTML' });
  await queueExport(ctx, { ...jobBase(ctx), kind: 'form-preview', orgId: m.orgId, fileId: doc.file_id, fileName, token });
});

orgFormButtons.on('form-admin', async (ctx, a) => {
  if (!mayManage(ctx.uow.membership, a.orgId)) {
    ctx.log.warn({ orgId: a.orgId }, 'refused: form button of someone who does not manage the organisation');
    const own = ctx.uow.membership?.orgId;
    if (own) audit(ctx, own, 'refused', { what: 'form-button', orgId: a.orgId });
    ack(ctx, ctx.t('stale-button'));
    return;
  }
  switch (a.op) {
    case 'show':
      ack(ctx);
      return showForm(ctx, a.orgId, ctx.uow.orgForm);
    case 'publish':
      return publish(ctx, a.orgId, a.ref);
    case 'cancel': {
      ack(ctx);
      await dropButtons(ctx);
      if (ctx.session.formUpload?.token === a.ref) ctx.session.formUpload = undefined;
      await ctx.reply(ctx.t('form-cancelled'));
      return;
    }
    case 'remove': {
      if (!ctx.uow.orgForm) {
        ack(ctx, ctx.t('stale-button'));
        return;
      }
      ack(ctx);
      const kb = new InlineKeyboard().text(ctx.t('btn-form-remove-yes'), formButton(a.orgId, 'remove-yes')).text(ctx.t('btn-back'), formButton(a.orgId, 'show'));
      await editOrSend(ctx, ctx.t('form-remove-ask', { file: escapeHtml(ctx.uow.orgForm.fileName) }), { parse_mode: 'HTML', reply_markup: kb });
      return;
    }
    case 'remove-yes': {
      const meta = ctx.uow.orgForm;
      if (!meta) {
        ack(ctx, ctx.t('stale-button'));
        return;
      }
      ack(ctx);
      ctx.uow.alsoWrite((p) => removeForm(p, ctx.deps.store.keys, a.orgId));
      audit(ctx, a.orgId, 'form-removed', { bytes: String(meta.bytes), published: meta.publishedAt });
      await showForm(ctx, a.orgId, null);
      return;
    }
  }
});

async function publish(ctx: BotContext, orgId: string, token: string | undefined): Promise<void> {
  const pending = ctx.session.formUpload;
  if (!pending || pending.token !== token || pending.orgId !== orgId) {
    ack(ctx, ctx.t('stale-button'));
    return;
  }
  ack(ctx);
  await dropButtons(ctx);
  // fetched and checked again: the session keeps Telegram's id of the file, never its bytes
  const bytes = await downloadForm(ctx, pending.fileId);
  ctx.session.formUpload = undefined;
  if (bytes === undefined || bytes === 'too-big') {
    await ctx.reply(ctx.t('form-download-failed'));
    return;
  }
  const check = await checkSentForm(ctx, bytes, pending.fileName);
  if (!check.ok) {
    await ctx.reply(check.text, { parse_mode: 'HTML' });
    return;
  }
  const meta: FormMeta = { fileName: pending.fileName, bytes: bytes.length, publishedAt: nowIso(ctx), by: ctx.uow.userId };
  ctx.uow.alsoWrite((p) => writeForm(p, ctx.deps.store.keys, orgId, meta, bytes));
  audit(ctx, orgId, 'form-published', { token: pending.token, bytes: String(bytes.length) });
  ctx.log.info({ orgId, bytes: bytes.length }, 'institution form published');
  await ctx.reply(ctx.t('form-published', { file: escapeHtml(pending.fileName) }), { parse_mode: 'HTML' });
}
