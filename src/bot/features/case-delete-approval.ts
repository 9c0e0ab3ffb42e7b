// A worker's request to delete a case with notes (src/bot/features/case-deletion.ts), decided by one
// of their supervisors or an admin of their organisation: ✅ deletes the case from the worker's slot
// (compare-and-set on the revision read, as an admin's deletion does), ✖️ takes the request off the
// case. Either way the worker is told and the decision audited. Who may decide is checked now: the
// worker's supervisor or an admin, of the worker's organisation, not the worker.
import { clientLabel } from '../../cases/labels.ts';
import { mayManage, maySupervise } from '../../org/access.ts';
import { CaseVault } from '../../privacy/vault.ts';
import type { Action } from '../../telegram/callback-data.ts';
import type { BotContext } from '../context.ts';
import { Buttons } from '../buttons.ts';
import { ack } from '../actions.ts';
import { dropButtons } from '../edits.ts';
import { firstName } from '../user.ts';
import { audit, orgRead } from './organisation/common.ts';
import { scrubAfterWrite } from './case-deletion.ts';

export const caseDeleteApprovalButtons = new Buttons();

type Decision = Extract<Action, { kind: 'del-req' }>;

function mayDecide(ctx: BotContext, a: Decision): boolean {
  const m = ctx.uow.membership;
  if (!m || m.orgId !== a.orgId || a.workerId === ctx.uow.userId) return false;
  return maySupervise(ctx.uow.userId, m, a.workerId) || mayManage(m, a.orgId);
}

caseDeleteApprovalButtons.on('del-req', async (ctx, a) => {
  const view = orgRead(ctx, a.orgId);
  const owner = ctx.uow.owner;
  const worker = view?.members[a.workerId];
  if (!mayDecide(ctx, a) || !view || !owner || !worker) {
    ack(ctx, ctx.t('stale-button'));
    return;
  }
  const c = owner.cases[a.caseId];
  if (!c?.deletionRequest) {
    // decided already (by someone else), or the case is gone
    ack(ctx, ctx.t('delete-request-gone'));
    await dropButtons(ctx);
    return;
  }
  ack(ctx);
  const vault = new CaseVault(ctx.deps.store);
  const by = { id: ctx.uow.userId, name: firstName(ctx) };
  if (a.op === 'approve') {
    const notes = Object.values(owner.notes);
    if ((await vault.erase(a.workerId, owner, c.id, ctx.deps.clock.now().getTime())) === -1) {
      await ctx.reply(ctx.t('adm-case-busy'));
      return;
    }
    audit(ctx, a.orgId, 'case-deleted', { case: c.id, owner: String(a.workerId), notes: String(notes.length), requested: c.deletionRequest.at });
    scrubAfterWrite(ctx, a.workerId, c.id, notes, worker.supervisors);
    ctx.uow.syncUsers.add(a.workerId);
  } else {
    const { deletionRequest: _decided, ...kept } = c;
    if ((await vault.putCase(a.workerId, owner, kept)) === -1) {
      await ctx.reply(ctx.t('adm-case-busy'));
      return;
    }
    audit(ctx, a.orgId, 'case-delete-refused', { case: c.id, owner: String(a.workerId) });
  }
  const approved = a.op === 'approve';
  ctx.uow.tell({ kind: 'delete-decided', to: a.workerId, about: a.workerId, orgId: a.orgId, by, client: clientLabel(c), approved });
  await dropButtons(ctx);
  await ctx.reply(ctx.t(approved ? 'delete-approved' : 'delete-refused', { client: clientLabel(c), worker: worker.name, notes: Object.keys(owner.notes).length }));
});
