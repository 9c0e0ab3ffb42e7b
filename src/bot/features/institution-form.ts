// /laporan → a case → 🏛 Formulir lembaga: the case on the organisation's own Word form (published by
// an admin, src/bot/features/organisation/form.ts), made by the export worker (src/export/form-run.ts).
// The button itself is institution-form-button.ts (reports.ts shows it).
import { Buttons } from '../buttons.ts';
import { ack } from '../actions.ts';
import { ownCase } from './case-picker.ts';
import { audit } from './organisation/common.ts';
import { jobBase, overDailyCap, queueExport } from './export-requests.ts';

export const institutionFormButtons = new Buttons();

institutionFormButtons.on('form-make', async (ctx, a) => {
  const c = await ownCase(ctx, a.caseId);
  if (!c) return;
  ack(ctx);
  if (await overDailyCap(ctx)) return;
  const m = ctx.uow.membership;
  if (m) audit(ctx, m.orgId, 'export', { what: 'form', case: c.id });
  // the worker reads the form as it is then: removed meanwhile, the user is told
  await queueExport(ctx, { ...jobBase(ctx), kind: 'form', caseId: c.id });
});
