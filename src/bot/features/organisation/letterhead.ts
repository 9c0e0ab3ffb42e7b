// The organisation's letterhead (/lembaga → 🏢 Kop surat): what every document it files prints at
// the top of its first page — the logo, the organisation's name (its own, from /lembaga) and its
// address — and the paper (A4 or F4). An admin types the address (an aside: up to 3 lines, 200
// characters; "-" removes it), sends the logo as a photo or a PNG/JPEG file (an aside that takes an
// upload: checked by its bytes, src/export/logo.ts), removes it, and picks the paper. Stored under the
// organisation (src/store/letterhead-records.ts); each change audited, with ids and sizes only —
// never the address. The export worker reads it with the case (src/export/reader.ts).
import { InlineKeyboard } from 'grammy';
import type { Message } from 'grammy/types';
import { mayManage } from '../../../org/access.ts';
import { checkLogo, LOGO_MAX_SIDE } from '../../../export/logo.ts';
import {
  ADDRESS_MAX_CHARS, ADDRESS_MAX_LINES, LOGO_MAX_BYTES, removeLogo, writeAddress, writeLogo, writePaper, type LetterheadMeta, type Paper,
} from '../../../store/letterhead-records.ts';
import { encode, type LetterheadOp } from '../../../telegram/callback-data.ts';
import { escapeHtml } from '../../../telegram/format.ts';
import type { BotContext } from '../../context.ts';
import { Buttons } from '../../buttons.ts';
import { ack } from '../../actions.ts';
import { editOrSend } from '../../edits.ts';
import { awaitText, type AsideHandler } from '../../asides.ts';
import { audit, orgButton, orgRead, refuse } from './common.ts';
import { downloadForm } from './form-upload.ts';

export const orgLetterheadButtons = new Buttons();

const KB = LOGO_MAX_BYTES / 1024;

export function letterheadButton(orgId: string, op: LetterheadOp): string {
  return encode({ kind: 'letterhead', orgId, op });
}

const backToScreen = (ctx: BotContext, orgId: string) => new InlineKeyboard().text(ctx.t('btn-letterhead-back'), letterheadButton(orgId, 'show'));

/** The screen: the letterhead as it prints now, and its buttons (the paper: the current one ticked). */
async function showLetterhead(ctx: BotContext, orgId: string, meta: LetterheadMeta): Promise<void> {
  const name = orgRead(ctx, orgId)?.org?.name ?? orgId;
  const paper: Paper = meta.paper ?? 'A4';
  const text = ctx.t('letterhead-screen', {
    name: escapeHtml(name),
    address: meta.address ? escapeHtml(meta.address) : ctx.t('letterhead-address-none'),
    logo: meta.logoType ? ctx.t('letterhead-logo-set', { type: meta.logoType === 'png' ? 'PNG' : 'JPEG' }) : ctx.t('letterhead-logo-none'),
    paper,
  });
  const tick = (p: Paper) => (p === paper ? '✅ ' : '');
  const kb = new InlineKeyboard().text(ctx.t('btn-letterhead-address'), letterheadButton(orgId, 'address')).text(ctx.t('btn-letterhead-logo'), letterheadButton(orgId, 'logo'));
  if (meta.logoType) kb.text(ctx.t('btn-letterhead-logo-remove'), letterheadButton(orgId, 'logo-remove'));
  kb.row().text(`${tick('A4')}${ctx.t('btn-letterhead-a4')}`, letterheadButton(orgId, 'paper-a4')).text(`${tick('F4')}${ctx.t('btn-letterhead-f4')}`, letterheadButton(orgId, 'paper-f4'));
  kb.row().text(ctx.t('btn-back'), orgButton(orgId, { op: 'menu' }));
  await editOrSend(ctx, text, { parse_mode: 'HTML', reply_markup: kb });
}

orgLetterheadButtons.on('letterhead', async (ctx, a) => {
  const meta = ctx.uow.letterhead;
  if (!mayManage(ctx.uow.membership, a.orgId) || !meta) {
    ctx.log.warn({ orgId: a.orgId }, 'refused: letterhead button of someone who does not manage the organisation');
    const own = ctx.uow.membership?.orgId;
    if (own) audit(ctx, own, 'refused', { what: 'letterhead-button', orgId: a.orgId });
    ack(ctx, ctx.t('stale-button'));
    return;
  }
  ack(ctx);
  const orgId = a.orgId;
  switch (a.op) {
    case 'show':
      return showLetterhead(ctx, orgId, meta);
    case 'address':
      awaitText(ctx, { kind: 'letterhead-address', orgId });
      await editOrSend(ctx, ctx.t('letterhead-address-ask', { lines: ADDRESS_MAX_LINES, max: ADDRESS_MAX_CHARS }), { reply_markup: backToScreen(ctx, orgId) });
      return;
    case 'logo':
      awaitText(ctx, { kind: 'letterhead-logo', orgId });
      await editOrSend(ctx, ctx.t('letterhead-logo-ask', { kb: KB, side: LOGO_MAX_SIDE }), { reply_markup: backToScreen(ctx, orgId) });
      return;
    case 'logo-remove': {
      if (!meta.logoType) return showLetterhead(ctx, orgId, meta);
      ctx.uow.alsoWrite((p) => removeLogo(p, ctx.deps.store.keys, orgId));
      audit(ctx, orgId, 'letterhead-logo-removed');
      return showLetterhead(ctx, orgId, { address: meta.address, ...(meta.paper ? { paper: meta.paper } : {}) });
    }
    case 'paper-a4':
    case 'paper-f4': {
      const paper: Paper = a.op === 'paper-f4' ? 'F4' : 'A4';
      // a press on the paper already chosen (a double tap) writes nothing
      if (meta.paper !== paper) {
        ctx.uow.alsoWrite((p) => writePaper(p, ctx.deps.store.keys, orgId, paper));
        audit(ctx, orgId, 'letterhead-paper', { paper });
      }
      return showLetterhead(ctx, orgId, { ...meta, paper });
    }
  }
});

/** The typed address: its lines trimmed, blank ones dropped; "-" removes it. Checked again: still an admin. */
export const letterheadAddressAside: AsideHandler<'letterhead-address'> = {
  max: ADDRESS_MAX_CHARS,
  answer: async (ctx, wait, text) => {
    if (!mayManage(ctx.uow.membership, wait.orgId)) return refuse(ctx, wait.orgId);
    const lines = text.trim() === '-' ? [] : text.split('\n').map((l) => l.trim()).filter(Boolean);
    if (lines.length > ADDRESS_MAX_LINES) {
      awaitText(ctx, wait);
      await ctx.reply(ctx.t('letterhead-address-lines', { lines: ADDRESS_MAX_LINES }));
      return;
    }
    const address = lines.join('\n');
    ctx.uow.alsoWrite((p) => writeAddress(p, ctx.deps.store.keys, wait.orgId, address));
    // the address is the office's own, yet free text: the audit keeps its shape, never its words
    audit(ctx, wait.orgId, 'letterhead-address', { lines: String(lines.length) });
    const said = address ? ctx.t('letterhead-address-saved', { address: escapeHtml(address) }) : ctx.t('letterhead-address-removed');
    await ctx.reply(said, { parse_mode: 'HTML', reply_markup: backToScreen(ctx, wait.orgId) });
  },
};

/** The largest of a photo's sizes within the cap (Telegram sends several; a logo needs no more). */
function photoFile(m: Message): { fileId: string; size: number } | 'too-big' | undefined {
  if (m.photo) {
    const fits = m.photo.filter((p) => (p.file_size ?? 0) <= LOGO_MAX_BYTES);
    const best = fits.at(-1);
    return best ? { fileId: best.file_id, size: best.file_size ?? 0 } : 'too-big';
  }
  if (m.document) return (m.document.file_size ?? 0) > LOGO_MAX_BYTES ? 'too-big' : { fileId: m.document.file_id, size: m.document.file_size ?? 0 };
  return undefined;
}

/** The logo: a photo or a file, taken only once its bytes are a whole PNG or JPEG; else a short
 *  refusal, and the bot keeps waiting for another (⬅️ or a command ends the wait). */
export const letterheadLogoAside: AsideHandler<'letterhead-logo'> = {
  max: 4096,
  answer: async (ctx, wait) => {
    awaitText(ctx, wait);
    await ctx.reply(ctx.t('letterhead-logo-send'), { reply_markup: backToScreen(ctx, wait.orgId) });
  },
  upload: async (ctx, wait, m) => {
    if (!mayManage(ctx.uow.membership, wait.orgId)) return refuse(ctx, wait.orgId);
    const refused = async (key: string) => {
      awaitText(ctx, wait);
      await ctx.reply(ctx.t(key, { kb: KB, side: LOGO_MAX_SIDE }), { reply_markup: backToScreen(ctx, wait.orgId) });
    };
    const file = photoFile(m);
    if (file === 'too-big') return refused('letterhead-logo-too-big');
    const bytes = file ? await downloadForm(ctx, file.fileId, LOGO_MAX_BYTES) : undefined;
    if (bytes === 'too-big') return refused('letterhead-logo-too-big');
    if (!bytes) return refused('letterhead-logo-failed');
    const check = checkLogo(bytes);
    ctx.log.info({ orgId: wait.orgId, ok: check.ok, bytes: bytes.length }, 'letterhead logo checked');
    if (!check.ok) return refused(`letterhead-logo-${check.problem}`);
    ctx.uow.alsoWrite((p) => writeLogo(p, ctx.deps.store.keys, wait.orgId, bytes, check.type));
    audit(ctx, wait.orgId, 'letterhead-logo', { bytes: String(bytes.length), type: check.type });
    await ctx.reply(ctx.t('letterhead-logo-saved'), { reply_markup: backToScreen(ctx, wait.orgId) });
  },
};
