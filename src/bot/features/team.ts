// /tim: the caseload on demand. A supervisor sees their workers, an admin every member: the team
// ordered by what needs them first, then a worker's caseload, the list behind each of its numbers,
// and a case with its notes (read, approve, answer, its report) and its open risks. Counted from the
// caseload indexes the writes keep (src/store/caseload-index.ts): no case is opened to count.
//
// Round trips: the team list is the update's read and one pipeline (the organisation's name and
// members, every worker's counts); an admin's team is its members, read first: one more. Every other
// screen is read with the update, in its one round trip (src/bot/read-plan.ts).
import { Composer } from 'grammy';
import { DateTime } from 'luxon';
import { mayManage, maySupervise } from '../../org/access.ts';
import { openMembers } from '../../org/org-store.ts';
import { byUrgency, teamOf, type TeamRow } from '../../org/team.ts';
import { readTeam } from '../../org/team-read.ts';
import { dayScore } from '../../store/caseload-index.ts';
import { countsOf } from '../../store/caseload-read.ts';
import type { Member, Membership } from '../../store/org-records.ts';
import type { BotContext } from '../context.ts';
import { Buttons } from '../buttons.ts';
import { ack } from '../actions.ts';
import { editOrSend } from '../edits.ts';
import { lang } from '../lang.ts';
import { userZone } from '../time.ts';
import { caseList, caseScreen, teamList, workerScreen, type Speaker, type TeamScreen } from '../render/team.ts';
import { audit } from './organisation/index.ts';

export const team = new Composer<BotContext>();
export const teamButtons = new Buttons();

function speaker(ctx: BotContext): Speaker {
  const zone = userZone(ctx);
  const now = ctx.deps.clock.now().getTime();
  return { t: ctx.t.bind(ctx), lang: lang(ctx), zone, catalog: ctx.deps.catalog, time: { now, today: dayScore(DateTime.fromMillis(now, { zone }).toISODate()!) } };
}

/** Who may open /tim in this organisation: a supervisor or admin of it (suspended members are refused earlier). */
function viewerIn(ctx: BotContext, orgId: string): Membership | undefined {
  const m = ctx.uow.membership;
  return m && m.orgId === orgId && (m.role === 'supervisor' || m.role === 'admin') ? m : undefined;
}

/** The team list: members and counts read now, ordered by what needs the viewer first. */
async function showTeam(ctx: BotContext, m: Membership, page: number): Promise<TeamScreen> {
  const s = speaker(ctx);
  const admin = mayManage(m, m.orgId);
  const viewer = { userId: ctx.uow.userId, admin, workers: m.workers };
  const read = await readTeam(
    { redis: ctx.deps.store.redis, keys: ctx.deps.store.keys, cipher: ctx.deps.store.cipher },
    m.orgId,
    s.time,
    admin ? { pick: (members) => teamOf(members, viewer).map((x) => x.userId) } : { workers: m.workers },
  );
  const rows: TeamRow[] = teamOf(read.members, viewer).flatMap((x: Member) => {
    const counts = read.counts.get(x.userId);
    return counts ? [{ userId: x.userId, name: x.name, suspended: x.suspended === true, counts }] : [];
  });
  // an admin's team: the workers, and anyone else only with something to show (a supervisor's own cases)
  const shown = admin ? rows.filter((r) => read.members[r.userId]?.role === 'worker' || r.counts.active + r.counts.awaiting + r.counts.risks > 0) : rows;
  shown.sort(byUrgency);
  ctx.log.debug({ workers: shown.length, roundTrips: read.roundTrips }, 'team read');
  const screen = teamList(s, m.orgId, read.name, shown, page);
  // the same caseload on a screen: the dashboard (a Mini App), where this deployment serves one
  if (ctx.deps.dashboardUrl) screen.keyboard.row().webApp(ctx.t('btn-dashboard'), ctx.deps.dashboardUrl);
  return screen;
}

team.command(['tim', 'team'], async (ctx) => {
  const m = ctx.uow.membership;
  if (!m || (m.role !== 'supervisor' && m.role !== 'admin')) {
    await ctx.reply(ctx.t('team-not-allowed'));
    return;
  }
  const screen = await showTeam(ctx, m, 0);
  await ctx.reply(screen.text, { parse_mode: 'HTML', reply_markup: screen.keyboard });
});

/** A worker the viewer may look at: one they supervise, or (an admin) a member of their organisation. */
function workerScope(ctx: BotContext, m: Membership, workerId: number): { member: Member; supervises: boolean } | undefined {
  const members = openMembers(ctx.deps.store.cipher, ctx.deps.store.keys.members(m.orgId), ctx.uow.membersRead ?? {});
  const member = members[workerId];
  if (!member) return undefined;
  const supervises = maySupervise(ctx.uow.userId, m, workerId);
  return supervises || mayManage(m, m.orgId) ? { member, supervises } : undefined;
}

teamButtons.on('team', async (ctx, a) => {
  const m = viewerIn(ctx, a.orgId);
  const scope = m && a.workerId !== undefined ? workerScope(ctx, m, a.workerId) : undefined;
  if (!m || (a.op !== 'list' && !scope)) {
    ctx.log.warn({ orgId: a.orgId, workerId: a.workerId }, 'refused: team button of someone who may not see that worker');
    const own = ctx.uow.membership?.orgId;
    if (own) audit(ctx, own, 'refused', { what: 'team', ...(a.workerId !== undefined ? { worker: String(a.workerId) } : {}) });
    ack(ctx, ctx.t('stale-button'));
    return;
  }
  ack(ctx);
  const s = speaker(ctx);
  const read = ctx.uow.team;
  let screen: TeamScreen | undefined;
  if (a.op === 'list') screen = await showTeam(ctx, m, a.page);
  else if (a.op === 'worker' && read?.index) screen = workerScreen(s, a.orgId, a.workerId!, scope!.member.name, read.index, countsOf(read.index, s.time));
  else if (a.op === 'cases' && read?.index && read.cases) {
    const filter = a.filter ?? 'all';
    screen = caseList(s, { orgId: a.orgId, workerId: a.workerId!, name: scope!.member.name, filter, page: a.page, supervises: scope!.supervises }, read.index, read.cases);
    // another worker's clients (initials, age) on a screen: recorded, as the admins' case list is
    audit(ctx, a.orgId, 'worker-cases-viewed', { user: String(a.workerId), cases: String(Object.keys(read.cases).length) });
  } else if (a.op === 'case' && read && a.caseId) {
    if (!read.case) {
      await ctx.reply(ctx.t('adm-case-gone'));
      return;
    }
    const l = { orgId: a.orgId, workerId: a.workerId!, name: scope!.member.name, filter: a.filter ?? 'all', page: a.page, supervises: scope!.supervises, caseId: a.caseId, adminOnly: !scope!.supervises };
    screen = caseScreen(s, l, read.case, read.notes ?? {}, read.reviewStates ?? {}, ctx.uow.caseRisks ?? []);
    audit(ctx, a.orgId, 'case-viewed', { worker: String(a.workerId), case: a.caseId });
  }
  if (!screen) return;
  await editOrSend(ctx, screen.text, { parse_mode: 'HTML', reply_markup: screen.keyboard });
});
