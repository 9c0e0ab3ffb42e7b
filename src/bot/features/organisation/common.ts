// What the organisation screens share: button data, the audit entry, the organisation read, texts.
import { InlineKeyboard } from 'grammy';
import { DateTime } from 'luxon';
import type { OrgChange } from '../../../org/membership-rules.ts';
import type { OrgView } from '../../../org/org-store.ts';
import { type AuditEntry, type Role } from '../../../store/org-records.ts';
import { encode } from '../../../telegram/callback-data.ts';
import type { BotContext } from '../../context.ts';
import { ack } from '../../actions.ts';
import { escapeHtml } from '../../../telegram/format.ts';
import { nowIso, userZone } from '../../time.ts';
import { editOrSend } from '../../edits.ts';
import { lang } from '../../lang.ts';

import { orgButton } from './org-action.ts';

export { orgButton };

/** Appends an audit entry to this update's write. */
export function audit(ctx: BotContext, orgId: string, action: string, detail: Record<string, string> = {}): void {
  const entry: AuditEntry = { at: nowIso(ctx), by: ctx.uow.userId, action, detail };
  ctx.uow.alsoWrite((p) => ctx.deps.orgs.audit(p, orgId, entry));
}

/**
 * A membership rule's change (src/org/membership-rules.ts) with this update: its writes applied by
 * the update's unit of work, then its audit entry; its users' schedulers synced and their ☰ Menu
 * published (the outbox, src/outbox/menu.ts) after the write.
 */
export function applyChange(ctx: BotContext, orgId: string, change: OrgChange): void {
  ctx.uow.alsoWrite((p) => ctx.deps.orgs.apply(p, orgId, change.writes));
  for (const userId of change.sync) ctx.uow.syncUsers.add(userId);
  for (const userId of change.menu ?? []) ctx.uow.tell({ kind: 'commands', to: userId });
  audit(ctx, orgId, change.audit.action, change.audit.detail);
}

/** The organisation this update's read plan named (src/bot/read-plan.ts), decoded; undefined if none. */
export function orgRead(ctx: BotContext, orgId: string): OrgView | undefined {
  const records = ctx.uow.orgRecords;
  return records ? ctx.deps.orgs.view(orgId, records) : undefined;
}

/** The organisation of a button (read with the update) or, for a command, read now (a second read). */
export async function orgView(ctx: BotContext, orgId: string): Promise<OrgView> {
  return orgRead(ctx, orgId) ?? ctx.deps.orgs.load(orgId);
}

export function roleName(ctx: BotContext, role: Role): string {
  return ctx.t(`role-${role}`);
}

export function inviteLink(ctx: BotContext, orgId: string, secret: string): string {
  return `https://t.me/${ctx.me.username}?start=${orgId}_${secret}`;
}

export function date(ctx: BotContext, iso: string): string {
  return DateTime.fromISO(iso).setZone(userZone(ctx)).setLocale(lang(ctx)).toFormat('d LLL yyyy');
}

/** Refuses a button about an organisation the user does not manage, and keeps a record of it. */
export async function refuse(ctx: BotContext, orgId: string): Promise<void> {
  ctx.log.warn({ orgId }, 'refused: organisation button of someone who does not manage it');
  const own = ctx.uow.membership?.orgId;
  if (own) audit(ctx, own, 'refused', { what: 'org-button', orgId });
  ack(ctx, ctx.t('stale-button'));
}

export async function showOrgMenu(ctx: BotContext, orgId: string, edit: boolean): Promise<void> {
  const view = await orgView(ctx, orgId);
  const count = Object.keys(view.members).length;
  const text = ctx.t('org-menu', { name: escapeHtml(view.org?.name ?? orgId), members: count });
  const kb = new InlineKeyboard()
    .text(ctx.t('btn-org-members'), orgButton(orgId, { op: 'members' }))
    .text(ctx.t('btn-org-invite'), orgButton(orgId, { op: 'invite-role' }))
    .row()
    .text(ctx.t('btn-org-invites'), orgButton(orgId, { op: 'invites' }))
    .text(ctx.t('btn-org-audit'), orgButton(orgId, { op: 'audit' }))
    .row()
    .text(ctx.t('btn-org-retention'), orgButton(orgId, { op: 'retention' }))
    .text(ctx.t('btn-org-flows'), encode({ kind: 'flow', orgId, op: 'list', ref: '0' }))
    .row()
    .text(ctx.t('btn-org-emergency'), orgButton(orgId, { op: 'emergency' }))
    .text(ctx.t('btn-org-escalation'), orgButton(orgId, { op: 'escalation' }))
    .row()
    .text(ctx.t('btn-org-form'), encode({ kind: 'form-admin', orgId, op: 'show' }))
    .text(ctx.t('btn-org-letterhead'), encode({ kind: 'letterhead', orgId, op: 'show' }));
  if (ctx.deps.adminIds.has(ctx.uow.userId)) kb.row().text(ctx.t('btn-org-found'), orgButton(orgId, { op: 'found' }));
  if (edit) await editOrSend(ctx, text, { parse_mode: 'HTML', reply_markup: kb });
  else await ctx.reply(text, { parse_mode: 'HTML', reply_markup: kb });
}

