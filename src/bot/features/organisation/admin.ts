// The organisation (lembaga) for its admins: /lembaga (made by an ADMIN_IDS user who has none yet,
// else its menu), and the menu's buttons — members, roles and supervisors (members.ts, roles.ts),
// invitations (invitations.ts), the audit log (audit.ts) and the retention of closed cases.
import { Composer, InlineKeyboard } from 'grammy';
import { mayManage } from '../../../org/access.ts';
import { foundOrg, ORG_NAME_MAX } from '../../../org/membership-rules.ts';
import type { OrgView } from '../../../org/org-store.ts';
import { DEFAULT_RISK_ESCALATION_HOURS, RISK_ESCALATION_CHOICES } from '../../../store/org-records.ts';
import { newId } from '../../../store/ids.ts';
import { escapeHtml } from '../../../telegram/format.ts';
import type { BotContext } from '../../context.ts';
import { Buttons } from '../../buttons.ts';
import { ack } from '../../actions.ts';
import { editOrSend } from '../../edits.ts';
import { awaitText, type AsideHandler } from '../../asides.ts';
import { nowIso } from '../../time.ts';
import { firstName } from '../../user.ts';
import { applyChange, audit, orgButton, orgView, refuse, showOrgMenu } from './common.ts';
import { auditAction } from './audit.ts';
import { invitationAction } from './invitations.ts';
import { memberAction, showMembers } from './members.ts';
import { orgAction } from './org-action.ts';
import { showMyOrgs } from './membership.ts';

/** Retention of closed cases (days; 0: kept until deleted by hand). */
const RETENTION_CHOICES = [0, 365, 730, 1825];

export const organisation = new Composer<BotContext>();
export const organisationButtons = new Buttons();

organisation.command(['lembaga', 'organisation'], async (ctx) => {
  const m = ctx.uow.membership;
  if (!m) {
    if (!ctx.deps.adminIds.has(ctx.uow.userId)) return; // members-only middleware has refused already
    awaitText(ctx, { kind: 'org-name' });
    await ctx.reply(ctx.t('org-ask-name'));
    return;
  }
  // a member of several first sees where they work now, and may switch (all a member suspended
  // where they work may do: src/bot/middleware/access.ts)
  const several = Object.keys(m.orgs).length > 1;
  if (several) await showMyOrgs(ctx, m);
  if (m.suspended) return;
  if (!mayManage(m, m.orgId)) {
    if (!several) await ctx.reply(ctx.t(m.role === 'supervisor' ? 'org-not-admin-supervisor' : 'org-not-admin'));
    return;
  }
  await showOrgMenu(ctx, m.orgId, false);
});

/** The organisation's name, typed after /lembaga (src/bot/asides.ts): the organisation is made,
 *  its maker its admin. */
export const orgNameAside: AsideHandler<'org-name'> = { max: ORG_NAME_MAX, answer: (ctx, _wait, name) => createOrg(ctx, name) };

/** The emergency numbers a worker is shown when a risk reaches nobody: short, on a phone's screen. */
const EMERGENCY_MAX = 200;

/** An admin typed the organisation's emergency numbers (checked again: still its admin). */
export const emergencyAside: AsideHandler<'emergency'> = {
  max: EMERGENCY_MAX,
  answer: async (ctx, wait, text) => {
    if (!mayManage(ctx.uow.membership, wait.orgId)) return refuse(ctx, wait.orgId);
    ctx.uow.alsoWrite((p) => ctx.deps.orgs.putEmergency(p, wait.orgId, text));
    audit(ctx, wait.orgId, 'emergency-set', {});
    await ctx.reply(ctx.t('emergency-saved', { contacts: escapeHtml(text) }), { parse_mode: 'HTML', reply_markup: new InlineKeyboard().text(ctx.t('btn-back'), orgButton(wait.orgId, { op: 'menu' })) });
  },
};

async function createOrg(ctx: BotContext, name: string): Promise<void> {
  // founding another while a note is being written: the founder moves there later (/lembaga)
  const drafting = ctx.uow.membership !== undefined && ctx.session.activity !== undefined;
  const change = foundOrg(newId(8), name, { userId: ctx.uow.userId, name: firstName(ctx) }, nowIso(ctx), !drafting);
  const orgId = change.org.id;
  applyChange(ctx, orgId, change);
  await ctx.reply(ctx.t('org-created', { name: escapeHtml(change.org.name) }), { parse_mode: 'HTML' });
  const kb = new InlineKeyboard().text(ctx.t('btn-org-invite'), orgButton(orgId, { op: 'invite-role' }));
  await ctx.reply(ctx.t('org-next'), { reply_markup: kb });
}

organisationButtons.on('org', async (ctx, a) => {
  const m = ctx.uow.membership;
  if (!mayManage(m, a.orgId)) return refuse(ctx, a.orgId);
  const x = orgAction(a);
  if (!x) {
    ack(ctx, ctx.t('stale-button'));
    return;
  }
  ack(ctx);
  const view = await orgView(ctx, a.orgId);
  const orgId = a.orgId;
  switch (x.op) {
    case 'menu':
      return showOrgMenu(ctx, orgId, true);
    case 'invite-role':
    case 'invite-make':
    case 'invites':
    case 'invite-revoke':
      return invitationAction(ctx, orgId, view, x);
    case 'audit':
    case 'audit-csv':
      return auditAction(ctx, orgId, view, x);
    case 'retention':
      return showRetention(ctx, orgId, view);
    case 'escalation':
      return showEscalation(ctx, orgId, view);
    case 'escalation-set': {
      const { hours } = x;
      if (!view.org || !RISK_ESCALATION_CHOICES.includes(hours)) return;
      ctx.uow.alsoWrite((p) => ctx.deps.orgs.putRiskEscalation(p, view.org!, hours));
      audit(ctx, orgId, 'escalation-set', { hours: String(hours) });
      await editOrSend(ctx, ctx.t('escalation-set', { hours }), { reply_markup: new InlineKeyboard().text(ctx.t('btn-back'), orgButton(orgId, { op: 'menu' })) });
      return;
    }
    case 'retention-set': {
      const { days } = x;
      if (!view.org || !RETENTION_CHOICES.includes(days)) return;
      ctx.uow.alsoWrite((p) => ctx.deps.orgs.putRetention(p, view.org!, days || undefined));
      audit(ctx, orgId, 'retention-set', { days: String(days) });
      await editOrSend(ctx, ctx.t('retention-set', { choice: ctx.t(`retention-${days}`) }), { reply_markup: new InlineKeyboard().text(ctx.t('btn-back'), orgButton(orgId, { op: 'menu' })) });
      return;
    }
    case 'emergency': {
      awaitText(ctx, { kind: 'emergency', orgId });
      const current = view.emergency ?? ctx.t('risk-emergency-default');
      const kb = new InlineKeyboard();
      if (view.emergency) kb.text(ctx.t('btn-emergency-reset'), orgButton(orgId, { op: 'emergency-reset' }));
      kb.text(ctx.t('btn-back'), orgButton(orgId, { op: 'menu' }));
      await editOrSend(ctx, ctx.t('emergency-ask', { current: escapeHtml(current), max: EMERGENCY_MAX }), { parse_mode: 'HTML', reply_markup: kb });
      return;
    }
    case 'emergency-reset':
      ctx.uow.alsoWrite((p) => ctx.deps.orgs.putEmergency(p, orgId, ''));
      audit(ctx, orgId, 'emergency-set', { to: 'default' });
      await editOrSend(ctx, ctx.t('emergency-saved', { contacts: escapeHtml(ctx.t('risk-emergency-default')) }), { parse_mode: 'HTML', reply_markup: new InlineKeyboard().text(ctx.t('btn-back'), orgButton(orgId, { op: 'menu' })) });
      return;
    case 'members':
      return showMembers(ctx, orgId, view);
    case 'found':
      // the bot's own admins (ADMIN_IDS) found organisations; they then belong to each
      if (!ctx.deps.adminIds.has(ctx.uow.userId)) return;
      awaitText(ctx, { kind: 'org-name' });
      await ctx.reply(ctx.t('org-ask-name'));
      return;
    default:
      return memberAction(ctx, orgId, view, x);
  }
});

async function showEscalation(ctx: BotContext, orgId: string, view: OrgView): Promise<void> {
  const current = view.org?.riskEscalationHours ?? DEFAULT_RISK_ESCALATION_HOURS;
  const kb = new InlineKeyboard();
  RISK_ESCALATION_CHOICES.forEach((hours, i) => {
    kb.text(`${current === hours ? '✅ ' : ''}${ctx.t('escalation-hours', { hours })}`, orgButton(orgId, { op: 'escalation-set', hours }));
    if (i % 2 === 1) kb.row();
  });
  kb.row().text(ctx.t('btn-back'), orgButton(orgId, { op: 'menu' }));
  await editOrSend(ctx, ctx.t('escalation-ask', { hours: current }), { reply_markup: kb });
}

async function showRetention(ctx: BotContext, orgId: string, view: OrgView): Promise<void> {
  const current = view.org?.retentionDays;
  const kb = new InlineKeyboard();
  RETENTION_CHOICES.forEach((days, i) => {
    kb.text(`${current === days || (!current && days === 0) ? '✅ ' : ''}${ctx.t(`retention-${days}`)}`, orgButton(orgId, { op: 'retention-set', days }));
    if (i % 2 === 1) kb.row();
  });
  kb.row().text(ctx.t('btn-back'), orgButton(orgId, { op: 'menu' }));
  await editOrSend(ctx, ctx.t('retention-ask', { current: ctx.t(`retention-${current ?? 0}`) }), { reply_markup: kb });
}
