// 📑 Dokumen lain on a case's report screen: the documents of flows/reports that fit the case beside
// its institution report (a praktikan's activity log and process recording, ATENSI's intervention
// plan). Each in Word or PDF, made by the export worker like the other reports.
import { InlineKeyboard } from 'grammy';
import { caseLabel } from '../../cases/labels.ts';
import { encode } from '../../telegram/callback-data.ts';
import { escapeHtml } from '../../telegram/format.ts';
import { builtinTemplates } from '../../export/template-load.ts';
import { Buttons } from '../buttons.ts';
import { ack } from '../actions.ts';
import { lang } from '../lang.ts';
import { ownCase } from './case-picker.ts';
import { audit } from './organisation/common.ts';
import { jobBase, overDailyCap, queueExport } from './export-requests.ts';

export const reportDocumentsButtons = new Buttons();

reportDocumentsButtons.on('report-docs', async (ctx, a) => {
  const c = await ownCase(ctx, a.caseId);
  if (!c) return;
  ack(ctx);
  const kb = new InlineKeyboard();
  for (const t of builtinTemplates().othersFor(c)) {
    const short = lang(ctx) === 'en' ? (t.short.en ?? t.short.id) : t.short.id;
    kb.text(`📄 ${short}`, encode({ kind: 'report-doc', caseId: c.id, template: t.id, format: 'docx' }))
      .text('📕 PDF', encode({ kind: 'report-doc', caseId: c.id, template: t.id, format: 'pdf' }))
      .row();
  }
  await ctx.reply(ctx.t('doc-pick', { label: escapeHtml(caseLabel(c, ctx.deps.catalog.get(c.flowId), lang(ctx))) }), { parse_mode: 'HTML', reply_markup: kb });
});

reportDocumentsButtons.on('report-doc', async (ctx, a) => {
  const c = await ownCase(ctx, a.caseId);
  if (!c) return;
  // a stale button (the case's setting or the worker's role changed) or a forged one
  if (!builtinTemplates().fitsCase(a.template, c)) {
    ack(ctx, ctx.t('stale-button'));
    return;
  }
  ack(ctx);
  if (await overDailyCap(ctx)) return;
  const m = ctx.uow.membership;
  if (m) audit(ctx, m.orgId, 'export', { what: `document-${a.format}`, template: a.template, case: c.id });
  await queueExport(ctx, { ...jobBase(ctx), kind: 'report', format: a.format, template: a.template, caseId: c.id });
});
