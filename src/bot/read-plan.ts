// What an update reads besides the user's own session, planned from the update itself so that it
// all comes in one round trip (src/store/read-plan.ts): per kind of button, and for messages.
import type { ReadPlan } from '../store/read-plan.ts';
import type { Action } from '../telegram/callback-data.ts';
import type { BotContext } from './context.ts';
import { mayBeCommand } from './middleware/decode-button.ts';
import { inviteCode } from './invite-link.ts';

/** `userId`: who pressed (their own keys are theirs to read). */
type ButtonReads = { readonly [K in Action['kind']]?: (a: Extract<Action, { kind: K }>, userId: number) => ReadPlan };

const notesOfCase = (a: { caseId: string }): ReadPlan => ({ notesOf: a.caseId });
const theOrg = (a: { orgId: string }): ReadPlan => ({ org: a.orgId });
const theCase = (a: { caseId: string }): ReadPlan => ({ sessionCases: true, caseIds: [a.caseId] });
const ownerCase = (a: { orgId: string; workerId: number; caseId?: string | undefined }): ReadPlan => ({ org: a.orgId, owner: { workerId: a.workerId, caseId: a.caseId } });

/** Buttons that read more than the session and every case of the user. */
export const BUTTON_READS: ButtonReads = {
  // an answer touches the draft's case alone; 💾 Simpan reads every case: a new case is checked
  // against the worker's ceiling of active cases (src/cases/limits.ts)
  form: (a) => (a.op === 'v' ? {} : { sessionCases: true }),
  'note-case': theCase,
  'note-stages': theCase,
  // a case's history lists its notes and its risk alerts with their follow-up
  history: (a, userId) => ({ notesOf: a.caseId, caseRisks: { workerId: userId, caseId: a.caseId } }),
  'history-note': (a) => ({ notesOf: a.caseId, reviewLogOf: a.noteId }),
  'note-edit': notesOfCase,
  'case-delete': notesOfCase,
  // a reopened case's open risk alerts count again in the caseload index
  'reopen-case': (a, userId) => ({ caseRisks: { workerId: userId, caseId: a.caseId } }),
  // a reviewer reads that note and its case, not the worker's case file
  review: (a) => ({
    otherNote: { workerId: a.workerId, caseId: a.caseId, noteId: a.noteId },
    // the note in full shows the case's risk alerts and their follow-up too
    ...(a.op === 'view' ? { caseRisks: { workerId: a.workerId, caseId: a.caseId } } : {}),
  }),
  // a supervisor's 📈 of a worker's case reads that case: a model with no chart is refused at the press
  'report-of': (a) => (a.what === 'chart' ? { otherNote: { workerId: a.workerId, caseId: a.caseId } } : {}),
  // 🗓 a worker's monthly report, and the list of workers to pick from, name them: the organisation's members
  'period-monthly': (a, userId) => (a.workerId !== userId && a.workerId !== 0 ? { members: a.orgId } : {}),
  'period-workers': (a) => ({ members: a.orgId }),
  // a press on a risk alert reads that alert and its follow-up
  risk: (a) => ({ risk: { workerId: a.workerId, caseId: a.caseId, riskId: a.riskId } }),
  leave: theOrg,
  // the organisation's own Word form: its screen shows whether one is published (its meta only)
  'form-admin': (a) => ({ orgForm: a.orgId }),
  // the letterhead's screen: the organisation's name (its records) and the letterhead but the logo's bytes
  letterhead: (a) => ({ org: a.orgId, letterhead: a.orgId }),
  // a case's report menu offers 🏛 when its organisation published a form (read only where it is the user's)
  'report-case': (a) => (a.orgId ? { orgForm: a.orgId } : {}),
  // removing a member counts the cases they leave behind (listed for the admins afterwards)
  org: (a) => (a.op === 'member-remove-yes' && /^\d{1,15}$/.test(a.a ?? '') ? { org: a.orgId, owner: { workerId: Number(a.a) } } : theOrg(a)),
  'adm-case': ownerCase,
  // deciding a worker's deletion request reads the organisation and that worker's case file
  'del-req': ownerCase,
  'adm-end': ownerCase,
  // /tim: a worker's screen reads their caseload index, a list behind a number their cases too, a
  // case its notes and risk alerts — with the organisation's members (names; whom an admin may see)
  team: (a) => {
    // (the viewer's own cases are not shown: only those their session names are read)
    if (a.op === 'list' || a.workerId === undefined) return { sessionCases: true };
    const workerId = a.workerId;
    if (a.op === 'case' && a.caseId) return { sessionCases: true, members: a.orgId, team: { workerId, orgId: a.orgId, caseId: a.caseId }, caseRisks: { workerId, caseId: a.caseId } };
    return { sessionCases: true, members: a.orgId, team: { workerId, orgId: a.orgId, index: true, ...(a.op === 'cases' ? { cases: true } : {}) } };
  },
};

/** The plan of this update: by its button, by an invitation link, or — a typed or sent answer — the draft's case alone. */
export function readPlanOf(ctx: BotContext): ReadPlan {
  const a = ctx.action;
  if (a) {
    const plan = (BUTTON_READS[a.kind] as ((x: Action, userId: number) => ReadPlan) | undefined)?.(a, ctx.from?.id ?? 0) ?? {};
    // a button names its organisation: it acts there (🔁 itself only moves the user, as they chose)
    return 'orgId' in a && a.orgId && a.kind !== 'org-use' ? { ...plan, actIn: a.orgId } : plan;
  }
  const invitation = inviteCode(ctx.message?.text);
  if (invitation) return { org: invitation.orgId };
  // anything that may be a command reads every case (it may list them)
  return ctx.message !== undefined && !mayBeCommand(ctx) ? { sessionCases: true } : {};
}
