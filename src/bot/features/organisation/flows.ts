// An organisation's own intervention models: an admin sends a flow YAML file as a document; the bot
// checks it (problems in the admin's language, with line and column), previews it (stages, question
// counts, a sample question as a worker sees it) and, on "✅ Terbitkan", publishes it for this
// organisation only, as its next version. /model lists them: retire an own flow (its cases keep
// their version), hide or show a built-in one. Every change is audited.
import { mayBeCommand } from '../../middleware/decode-button.ts';
import { Composer, type MiddlewareFn, InlineKeyboard } from 'grammy';
import { mayManage } from '../../../org/access.ts';
import { pick } from '../../../cases/labels.ts';
import { checkUpload } from '../../../catalog/org-flow.ts';
import type { OrgFlowEntry } from '../../../catalog/catalog.ts';
import { LIMITS } from '../../../engine/flow-limits.ts';
import type { Flow } from '../../../engine/types.ts';
import { escapeHtml, fitLabel } from '../../../telegram/format.ts';
import { newId } from '../../../store/ids.ts';
import type { BotContext } from '../../context.ts';
import { Buttons } from '../../buttons.ts';
import { ack } from '../../actions.ts';
import { lang } from '../../lang.ts';
import { nowIso } from '../../time.ts';
import { audit, orgButton } from './common.ts';
import { dropButtons, editOrSend } from '../../edits.ts';
import { builtinCommons, flowButton, isFlowFile, resolveQuestionType, download, replyRefused, showPreview } from './flow-upload.ts';

export const orgFlows = new Composer<BotContext>();
export const orgFlowsButtons = new Buttons();

/**
 * A flow version named by this user's cases or draft that this instance does not know yet (another
 * instance published it a moment ago) is loaded before the features look: an extra read, only then.
 */
export const ensureFlows: MiddlewareFn<BotContext> = (ctx, next) => {
  if (!ctx.uow || !ctx.session) return next();
  const catalog = ctx.deps.catalog;
  const act = ctx.session.activity;
  const missing: { id: string; version: number | undefined }[] = [];
  if (act && act.kind !== 'intake' && !catalog.at(act.flowId, act.flowVersion)) missing.push({ id: act.flowId, version: act.flowVersion });
  // an answer to the current question touches its own case only: the others stay sealed
  // (src/store/lazy-records.ts); anything else may list or show any case (of those read)
  if (!answersCurrentQuestion(ctx)) {
    for (const c of Object.values(ctx.uow.cases)) if (!catalog.get(c.flowId)) missing.push({ id: c.flowId, version: undefined });
  }
  // most updates know every flow they name: no await, no extra read
  if (missing.length === 0) return next();
  return (async () => {
    for (const m of missing) await catalog.ensure(m.id, m.version);
    await next();
  })();
};

/** A typed answer, a file, or a press on a question's button, while a note or intake is open. */
function answersCurrentQuestion(ctx: BotContext): boolean {
  if (!ctx.session.activity) return false;
  if (ctx.callbackQuery) return ctx.action?.kind === 'form';
  return ctx.message !== undefined && !mayBeCommand(ctx);
}

orgFlows.on('message:document', async (ctx, next) => {
  const doc = ctx.message.document;
  const m = ctx.uow.membership;
  // a worker's document, or a YAML file sent as the answer to a file question, is not an upload
  const act = ctx.session.activity;
  const cursor = act?.form.cursor;
  const asksFile = act && cursor ? (resolveQuestionType(ctx, act) === 'file') : false;
  if (!isFlowFile(doc.file_name) || !m || m.role !== 'admin' || asksFile) return next();
  if (!ctx.deps.catalog.registry) {
    await ctx.reply(ctx.t('flow-upload-unavailable'));
    return;
  }
  const started = Date.now();
  // size first, from what Telegram says, before anything is downloaded; then what arrived
  if ((doc.file_size ?? 0) > LIMITS.maxBytes) {
    await ctx.reply(ctx.t('flow-too-big', { kb: Math.ceil((doc.file_size ?? 0) / 1024), max: LIMITS.maxBytes / 1024 }));
    return;
  }
  const text = await download(ctx, doc.file_id);
  if (text === 'too-big') {
    await ctx.reply(ctx.t('flow-too-big', { kb: `> ${LIMITS.maxBytes / 1024}`, max: LIMITS.maxBytes / 1024 }));
    return;
  }
  if (text === undefined) {
    await ctx.reply(ctx.t('flow-download-failed'));
    return;
  }
  // in a worker thread with a time limit: this update waits, the others are answered meanwhile
  const check = await checkUpload(text, doc.file_name ?? 'flow.yaml', await builtinCommons(), m.orgId, ctx.deps.catalog, ctx.deps.compileUpload);
  ctx.log.info({ orgId: m.orgId, ok: check.ok, ms: Date.now() - started }, 'flow file checked');
  if (!check.ok) {
    await replyRefused(ctx, doc.file_name ?? 'flow.yaml', check);
    return;
  }
  if (check.unchanged) {
    await ctx.reply(ctx.t('flow-unchanged', { title: escapeHtml(pick(check.flow.title, lang(ctx))), version: check.previous ?? 1 }), { parse_mode: 'HTML' });
    return;
  }
  const token = newId(8);
  ctx.session.flowUpload = { token, orgId: m.orgId, fileName: doc.file_name ?? 'flow.yaml', text };
  await showPreview(ctx, check, token, m.orgId);
});

orgFlowsButtons.on('flow', async (ctx, a) => {
  const m = ctx.uow.membership;
  if (!mayManage(m, a.orgId)) {
    ctx.log.warn({ orgId: a.orgId }, 'refused: flow button of someone who does not manage the organisation');
    if (m) audit(ctx, m.orgId, 'refused', { what: 'flow-button', orgId: a.orgId });
    ack(ctx, ctx.t('stale-button'));
    return;
  }
  switch (a.op) {
    case 'publish': return publish(ctx, a.orgId, a.ref);
    case 'cancel': {
      const pending = ctx.session.flowUpload;
      ack(ctx);
      await dropButtons(ctx);
      if (pending?.token === a.ref) ctx.session.flowUpload = undefined;
      await ctx.reply(ctx.t('flow-cancelled'));
      return;
    }
    case 'list':
      ack(ctx);
      return showFlows(ctx, a.orgId, true);
    case 'hide':
    case 'show':
      return setHidden(ctx, a.orgId, a.ref, a.op === 'hide');
    case 'retire':
      return retire(ctx, a.orgId, a.ref);
  }
});

async function publish(ctx: BotContext, orgId: string, token: string): Promise<void> {
  const pending = ctx.session.flowUpload;
  const registry = ctx.deps.catalog.registry;
  if (!pending || pending.token !== token || pending.orgId !== orgId || !registry) {
    ack(ctx, ctx.t('stale-button'));
    return;
  }
  ack(ctx);
  await dropButtons(ctx);
  // checked again: another admin may have published a version of the same flow meanwhile
  const check = await checkUpload(pending.text, pending.fileName, await builtinCommons(), orgId, ctx.deps.catalog, ctx.deps.compileUpload);
  ctx.session.flowUpload = undefined;
  if (!check.ok) return replyRefused(ctx, pending.fileName, check);
  const flow = check.flow;
  const entry: OrgFlowEntry = { fileId: check.fileId, id: flow.id, version: flow.version, retired: false, publishedAt: nowIso(ctx), by: ctx.uow.userId };
  ctx.uow.alsoWrite((p) => {
    registry.writeVersion(p, flow);
    registry.writeOrgFlow(p, orgId, entry);
  });
  audit(ctx, orgId, 'flow-published', { flow: check.fileId, version: String(flow.version) });
  // this instance knows it at once, once written; the others within a few seconds (the epoch)
  ctx.uow.afterCommit.push(async () => {
    ctx.deps.catalog.add(flow);
    const s = ctx.deps.catalog.orgSettings(orgId);
    ctx.deps.catalog.setOrg(orgId, { ...s, flows: { ...s.flows, [entry.fileId]: entry } });
  });
  ctx.log.info({ orgId, flowId: flow.id, version: flow.version }, 'organisation flow published');
  await ctx.reply(ctx.t('flow-published', { title: escapeHtml(pick(flow.title, lang(ctx))), version: flow.version }), { parse_mode: 'HTML' });
}

async function retire(ctx: BotContext, orgId: string, fileId: string): Promise<void> {
  const registry = ctx.deps.catalog.registry;
  const s = ctx.deps.catalog.orgSettings(orgId);
  const entry = s.flows[fileId];
  if (!entry || entry.retired || !registry) {
    ack(ctx, ctx.t('stale-button'));
    return;
  }
  ack(ctx);
  const retired = { ...entry, retired: true };
  ctx.uow.alsoWrite((p) => registry.writeOrgFlow(p, orgId, retired));
  audit(ctx, orgId, 'flow-retired', { flow: fileId, version: String(entry.version) });
  ctx.uow.afterCommit.push(async () => {
    const now = ctx.deps.catalog.orgSettings(orgId);
    ctx.deps.catalog.setOrg(orgId, { ...now, flows: { ...now.flows, [fileId]: retired } });
  });
  const flow = ctx.deps.catalog.get(entry.id);
  await ctx.reply(ctx.t('flow-retired', { title: escapeHtml(flow ? pick(flow.title, lang(ctx)) : fileId) }), { parse_mode: 'HTML' });
}

async function setHidden(ctx: BotContext, orgId: string, flowId: string, hidden: boolean): Promise<void> {
  const registry = ctx.deps.catalog.registry;
  const flow = ctx.deps.catalog.isBuiltin(flowId) ? ctx.deps.catalog.get(flowId) : undefined;
  const s = ctx.deps.catalog.orgSettings(orgId);
  if (!flow || !registry || s.hidden.includes(flowId) === hidden) {
    ack(ctx, ctx.t('stale-button'));
    return;
  }
  ack(ctx);
  ctx.uow.alsoWrite((p) => registry.writeHidden(p, orgId, flowId, hidden));
  audit(ctx, orgId, hidden ? 'flow-hidden' : 'flow-shown', { flow: flowId });
  const next = { ...s, hidden: hidden ? [...s.hidden, flowId] : s.hidden.filter((x) => x !== flowId) };
  ctx.uow.afterCommit.push(async () => ctx.deps.catalog.setOrg(orgId, next));
  await showFlows(ctx, orgId, true, next.hidden);
}

/** The organisation's models: its own (with retire), the built-in ones (hide / show). */
async function showFlows(ctx: BotContext, orgId: string, edit: boolean, hiddenNow?: string[]): Promise<void> {
  const l = lang(ctx);
  const { catalog } = ctx.deps;
  const s = catalog.orgSettings(orgId);
  const hidden = new Set(hiddenNow ?? s.hidden);
  const kb = new InlineKeyboard();
  const own = Object.values(s.flows).sort((x, y) => x.fileId.localeCompare(y.fileId));
  const ownLines = own.map((e) => {
    const f = catalog.get(e.id);
    const title = f ? pick(f.title, l) : e.fileId;
    if (!e.retired) kb.text(fitLabel(`🗄 ${f ? pick(f.short, l) : e.fileId}`), flowButton(orgId, 'retire', e.fileId)).row();
    return `• ${escapeHtml(ctx.t(e.retired ? 'flow-line-retired' : 'flow-line-own', { title, version: e.version }))}`;
  });
  const builtinLines = catalog.flows.map((f: Flow, i) => {
    const off = hidden.has(f.id);
    kb.text(fitLabel(`${off ? '👁' : '🙈'} ${pick(f.short, l)}`), flowButton(orgId, off ? 'show' : 'hide', f.id));
    if (i % 2 === 1) kb.row();
    return `• ${escapeHtml(ctx.t(off ? 'flow-line-hidden' : 'flow-line-builtin', { title: pick(f.title, l), version: f.version }))}`;
  });
  const text = [
    ctx.t('flows-title'),
    ownLines.length ? ownLines.join('\n') : escapeHtml(ctx.t('flows-none-own')),
    '',
    ctx.t('flows-builtin'),
    builtinLines.join('\n'),
    '',
    escapeHtml(ctx.t('flows-how')),
  ].join('\n');
  kb.row().text(ctx.t('btn-back'), orgButton(orgId, { op: 'menu' }));
  if (edit) await editOrSend(ctx, text, { parse_mode: 'HTML', reply_markup: kb }).catch(() => ctx.reply(text, { parse_mode: 'HTML', reply_markup: kb }));
  else await ctx.reply(text, { parse_mode: 'HTML', reply_markup: kb });
}

orgFlows.command(['model', 'models'], async (ctx) => {
  const m = ctx.uow.membership;
  if (!m || !mayManage(m, m.orgId)) {
    await ctx.reply(ctx.t('org-not-admin'));
    return;
  }
  await showFlows(ctx, m.orgId, false);
});
