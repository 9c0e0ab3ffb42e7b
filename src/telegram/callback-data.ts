// Button data, kept under Telegram's 64 bytes. Every button names what it acts on (a case id, an
// activity token), so a forged or stale button is recognised and refused, never guessed at.
//
// Each kind of button is defined once, in KINDS: its tag, then its fields in the order they are
// written, each with the codec that both writes it and reads it back, so no kind can be written one
// way and read another. The data is `tag:field:field…`; optional fields come last and are left out
// when absent. decode takes exactly what encode writes: the fields each codec writes, in canonical
// form (no leading zero, no sign), nothing after them, within 64 bytes. The wire format of every
// kind is pinned by test/telegram/callback-data.test.ts: buttons already in users' chats keep working.

/** Form operations, on the current question of the current activity. */
export type FormOp =
  | 'c' // choose option a
  | 't' // toggle option a (multi)
  | 'm' // show the multi question's other options (its more button)
  | 'd' // done (multi)
  | 'k' // keep the earlier answer
  | 's' // skip
  | 'b' // back
  | 'g' // guide
  | 'e' // edit question a (from the review)
  | 'r' // take the previous session's answer (carry)
  | 'v' // save
  | 'x' // cancel
  | 'y' // yes, abandon
  | 'n'; // no, continue

export type MenuItem = 'home' | 'new' | 'note' | 'cases' | 'history' | 'help';

export type Action =
  | { kind: 'menu'; item: MenuItem }
  /** ✖️ Batal under a prompt for a text outside a note (feedback, a reason): the wait ends */
  | { kind: 'aside-cancel' }
  /** under a risk alert: 🙋 Saya tangani (take) or ✅ Sudah ditindaklanjuti (done) */
  | { kind: 'risk'; op: 'take' | 'done'; workerId: number; caseId: string; riskId: string; orgId?: string }
  /** a worker's request to delete a case with notes, decided by a supervisor or admin */
  | { kind: 'del-req'; op: 'approve' | 'refuse'; orgId: string; workerId: number; caseId: string }
  | { kind: 'form'; token: string; op: FormOp; q: number; a: number }
  | { kind: 'note-case'; caseId: string }
  | { kind: 'note-stages'; caseId: string }
  | { kind: 'note-go'; caseId: string; stage: number }
  | { kind: 'case-page'; purpose: 'note' | 'history' | 'cases'; page: number }
  | { kind: 'case-card'; caseId: string }
  /** "✏️ Ubah data kasus": the case's setting, problem and facts, at their review */
  | { kind: 'case-edit'; caseId: string }
  | { kind: 'history'; caseId: string; page: number }
  | { kind: 'history-note'; caseId: string; noteId: string; orgId?: string }
  | { kind: 'move-stage'; caseId: string; from: number; stage: number }
  | { kind: 'stay'; caseId: string }
  /** "Akhiri kasus": shows the ending reasons */
  | { kind: 'close-case'; caseId: string }
  /** an ending reason picked (its index in END_REASONS): the short note is asked next */
  | { kind: 'end-reason'; caseId: string; reason: number }
  /** end the case without a note */
  | { kind: 'end-now'; caseId: string }
  | { kind: 'reopen-case'; caseId: string }
  | { kind: 'lang'; lang: 'id' | 'en' }
  | { kind: 'draft'; choice: 'resume' | 'discard'; token: string }
  | { kind: 'reminder-snooze'; caseId: string; occurrence: number }
  | { kind: 'reminder-skip'; caseId: string; occurrence: number }
  | { kind: 'rem-menu'; item: 'home' | 'day' | 'hour' | 'zone' | 'cases' }
  | { kind: 'rem-day'; weekday: number }
  | { kind: 'rem-hour'; hour: number }
  | { kind: 'rem-zone'; zone: 'wib' | 'wita' | 'wit' }
  | { kind: 'rem-pause'; paused: boolean }
  | { kind: 'rem-cadence'; caseId: string; cadence: 'weekly' | 'biweekly' | 'monthly' }
  | { kind: 'review'; op: 'approve' | 'feedback' | 'view'; workerId: number; caseId: string; noteId: string; version?: number; orgId?: string }
  | { kind: 'note-edit'; caseId: string; noteId: string; orgId?: string }
  | { kind: 'leave'; orgId: string }
  /** /lembaga: work in another of the user's organisations from now */
  | { kind: 'org-use'; orgId: string }
  | { kind: 'org'; orgId: string; op: OrgOp; a?: string; b?: string }
  /** /laporan: the formats of one case's report */
  /** the case's organisation rides along, so the press reads its published form with the update's one
   *  read (🏛 Formulir lembaga): absent on buttons sent before it was kept */
  | { kind: 'report-case'; caseId: string; orgId?: string }
  /** make it: the institution's report in Word or PDF, the supervision record, the progress chart,
   *  or the termination sheet */
  | { kind: 'report-make'; caseId: string; what: ReportWhat }
  /** a supervisor's report of a worker's case (from the note they read in full): Word, PDF, the
   *  supervision record or the chart */
  | { kind: 'report-of'; workerId: number; caseId: string; what: Exclude<ReportWhat, 'term'> }
  /** 📑 Dokumen lain: the case's other documents (flows/reports: a praktikan's log, ATENSI's plan) */
  | { kind: 'report-docs'; caseId: string }
  /** make one of them (a template's id) in Word or PDF */
  | { kind: 'report-doc'; caseId: string; template: string; format: 'docx' | 'pdf' }
  /** /laporan's list of cases, paged */
  | { kind: 'report-page'; page: number }
  /** /ekspor: the date range of the spreadsheet */
  | { kind: 'export-range'; range: ExportRange }
  /** 🗑 Hapus kasus on the worker's own case card: asks (confirm false), then deletes */
  | { kind: 'case-delete'; caseId: string; confirm: boolean }
  /** an admin's screens of a worker's cases: list, card, delete (asks, then does), move (pick, do),
   *  end (a former member's case: the reasons) */
  | { kind: 'adm-case'; orgId: string; op: AdmCaseOp; workerId: number; caseId?: string; to?: number }
  /** an admin ends a former member's case with a reason (its index in END_REASONS) */
  | { kind: 'adm-end'; orgId: string; workerId: number; caseId: string; reason: number }
  /** /hapus_data_saya: asks (confirm false), then deletes the member's own data */
  | { kind: 'my-data'; confirm: boolean }
  /** an organisation's flows: publish or cancel an upload (ref = its token), list, hide / show a
   *  built-in (ref = its id), retire an own flow (ref = the file's flow id) */
  | { kind: 'flow'; orgId: string; op: FlowOp; ref: string }
  /** /tim: the team list, a worker's caseload, the list behind one of its numbers, a case there */
  | { kind: 'team'; op: TeamOp; orgId: string; page: number; workerId?: number; filter?: TeamFilter; caseId?: string }
  /** the organisation's own Word form (/lembaga): its screen, publish or cancel an upload (ref = its
   *  token), remove it (asks, then does) */
  | { kind: 'form-admin'; orgId: string; op: FormAdminOp; ref?: string }
  /** the organisation's letterhead (/lembaga → 🏢 Kop surat): its screen, the address or logo asked
   *  for, the logo removed, the paper chosen */
  | { kind: 'letterhead'; orgId: string; op: LetterheadOp }
  /** /laporan: a case's report on the organisation's own Word form */
  | { kind: 'form-make'; caseId: string }
  /** 🗓 a period's report (src/bot/features/period-reports.ts): a worker's monthly report across their
   *  clients (the user's own: workerId is theirs; 0: every worker they supervise), the supervisor's
   *  recap, or one case's report; `step` its periods, this or last month, or a typed range */
  | { kind: 'period-monthly'; orgId: string; workerId: number; step: PeriodStep }
  | { kind: 'period-recap'; orgId: string; step: PeriodStep }
  | { kind: 'period-case'; caseId: string; step: PeriodStep }
  /** the workers a supervisor may make a monthly report of, paged */
  | { kind: 'period-workers'; orgId: string; page: number }
  /** make it, for the days `from`–`to` (ISO), in PDF, Word or both */
  | { kind: 'monthly-make'; orgId: string; workerId: number; from: string; to: string; format: PeriodFormat }
  | { kind: 'recap-make'; orgId: string; from: string; to: string; format: PeriodFormat }
  | { kind: 'case-period-make'; caseId: string; from: string; to: string; format: 'docx' | 'pdf' };

export type PeriodStep = 'menu' | 'this' | 'last' | 'range';
export type PeriodFormat = 'pdf' | 'docx' | 'both';

export type FormAdminOp = 'show' | 'publish' | 'cancel' | 'remove' | 'remove-yes';

export type LetterheadOp = 'show' | 'address' | 'logo' | 'logo-remove' | 'paper-a4' | 'paper-f4';

export type TeamOp = 'list' | 'worker' | 'cases' | 'case';
export type TeamFilter = 'all' | 'overdue' | 'flagged' | 'stuck' | 'risks' | 'awaiting';

export type FlowOp = 'publish' | 'cancel' | 'list' | 'hide' | 'show' | 'retire';

export type AdmCaseOp = 'list' | 'card' | 'del' | 'del-yes' | 'move' | 'move-to' | 'end';

export type ReportWhat = 'docx' | 'pdf' | 'sup' | 'chart' | 'term';
export type ExportRange = 'this-month' | 'last-month' | 'last-3-months' | 'all';

/** Organisation screens: menu, members, invitations, audit. */
export type OrgOp =
  | 'menu' | 'members' | 'invites' | 'audit'
  | 'invite-role' // a = role
  | 'invite-make' // a = role, b = 's' single-use 7 days | 'm' multi-use 30 days
  | 'invite-revoke' // a = invitation id (the hash of its secret)
  | 'member' // a = user id
  | 'member-role' // a = user id, b = role
  | 'member-sups' // a = user id
  | 'member-sup' // a = user id, b = supervisor id (toggle)
  | 'member-remove' // a = user id (asks)
  | 'member-remove-yes' // a = user id
  | 'member-suspend' // a = user id: suspend (lost phone)
  | 'member-resume' // a = user id: lift the suspension
  | 'retention' // the retention setting's choices
  | 'retention-set' // a = days ('0': none)
  | 'emergency' // the emergency numbers: shown, and the admin may type new ones
  | 'emergency-reset' // back to the defaults (112, SAPA 129)
  | 'escalation' // how long a risk alert may wait for 🙋 before the admins get it: the choices
  | 'escalation-set' // a = hours
  | 'audit-csv' // a = case id (optional): the audit log as CSV
  | 'found'; // an ADMIN_IDS admin founds another organisation (they belong to both)


// ---- field codecs --------------------------------------------------------------------------------

/** One field on the wire: `dec` gives back the value for exactly the text `enc` writes, else undefined. */
interface Codec<T> {
  readonly enc: (v: T) => string;
  readonly dec: (s: string) => T | undefined;
  readonly optional?: false;
}
/** A trailing field that may be absent (and is then not written). */
interface Optional<T> extends Omit<Codec<T>, 'optional'> {
  readonly optional: true;
}
/** A field with a few values, each written as its own code. */
interface Choice<T> extends Codec<T> {
  readonly values: readonly T[];
}

const text = (re: RegExp): Codec<string> => ({ enc: (s) => s, dec: (s) => (re.test(s) ? s : undefined) });
const ID = text(/^[a-z0-9]{4,16}$/); // case, note and organisation ids, activity tokens
const WORD = text(/^[a-z0-9]{1,16}$/); // an organisation screen's arguments
const REF = text(/^[a-z0-9-]{1,32}$/); // a flow: an upload's token, a built-in's id, a file's flow id

/** A whole number in canonical form (`re` admits no sign and no leading zero), from min to max. */
function whole(re: RegExp, radix: 10 | 36, min = 0, max = Number.MAX_SAFE_INTEGER): Codec<number> {
  return {
    enc: (n) => n.toString(radix),
    dec: (s) => {
      const n = re.test(s) ? parseInt(s, radix) : NaN;
      return Number.isSafeInteger(n) && n >= min && n <= max ? n : undefined;
    },
  };
}
/** A small number: up to 3 digits (pages, stages, question and option indexes, versions). */
const int = (min = 0, max = 999): Codec<number> => whole(/^(?:0|[1-9]\d{0,2})$/, 10, min, max);
/** A Telegram user id: up to 15 digits. */
const USER = whole(/^(?:0|[1-9]\d{0,14})$/, 10);
/** A reminder's occurrence (a time), in base 36: up to 11 characters, a safe integer. */
const BASE36 = whole(/^(?:0|[1-9a-z][0-9a-z]{0,10})$/, 36);

function choice<T>(pairs: readonly (readonly [T, string])[]): Choice<T> {
  const code = new Map(pairs);
  const value = new Map(pairs.map(([v, c]) => [c, v]));
  if (code.size !== pairs.length || value.size !== pairs.length) throw new Error(`callback-data: codes not one to one: ${JSON.stringify(pairs)}`);
  return { values: pairs.map(([v]) => v), enc: (v) => code.get(v)!, dec: (s) => value.get(s) };
}
/** Values written as themselves. */
const oneOf = <const T extends string>(...values: T[]): Choice<T> => choice(values.map((v) => [v, v] as const));
/** Values written as codes. */
const codes = <const T extends string>(table: { readonly [V in T]: string }): Choice<T> => choice(Object.entries(table) as [T, string][]);
const flag = (no: string, yes: string): Choice<boolean> => choice([[false, no], [true, yes]]);
const BIT = flag('0', '1');
const optional = <T>(c: Codec<T>): Optional<T> => ({ enc: c.enc, dec: c.dec, optional: true });

/** A calendar day, ISO "2026-10-01" written "20261001": a real date, nothing else. */
const DAY: Codec<string> = {
  enc: (iso) => iso.replace(/-/g, ''),
  dec: (s) => {
    const m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
    if (!m) return undefined;
    const iso = `${m[1]}-${m[2]}-${m[3]}`;
    const d = new Date(`${iso}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso ? iso : undefined;
  },
};
const PERIOD_STEP = codes({ menu: 'm', this: 't', last: 'l', range: 'r' });
const PERIOD_FORMAT = codes({ pdf: 'p', docx: 'd', both: 'b' });

// ---- one definition per kind ----------------------------------------------------------------------

type Kind = Action['kind'];
type FieldKey<A> = Exclude<keyof A, 'kind'>;
/** A codec for each of the fields K, in the order they are written; an optional field's is optional(). */
type Fields<A, K extends keyof A> = { readonly [P in K]-?: undefined extends A[P] ? Optional<Exclude<A[P], undefined>> : Codec<A[P]> };
interface Plain<A> {
  readonly tag: string;
  readonly fields: Fields<A, FieldKey<A>>;
}
/** The tag carries the field P (review's op: sa, sf, sv): one tag for each of its values. */
interface TaggedBy<A, P extends FieldKey<A>> {
  readonly tag: { readonly by: P; readonly choice: Choice<A[P]> };
  readonly fields: Fields<A, Exclude<FieldKey<A>, P>> & { readonly [Q in P]?: never };
}
type Def<A> = Plain<A> | { [P in FieldKey<A>]: TaggedBy<A, P> }[FieldKey<A>];

/** Every kind of button (the type checker wants each kind of Action here, with each of its fields). */
export const KINDS = {
  menu: { tag: 'm', fields: { item: oneOf('home', 'new', 'note', 'cases', 'history', 'help') } },
  'aside-cancel': { tag: 'ax', fields: {} },
  risk: { tag: { by: 'op', choice: codes({ take: 'kt', done: 'kd' }) }, fields: { workerId: USER, caseId: ID, riskId: ID, orgId: optional(ID) } },
  'del-req': { tag: { by: 'op', choice: codes({ approve: 'za', refuse: 'zr' }) }, fields: { orgId: ID, workerId: USER, caseId: ID } },
  form: { tag: 'f', fields: { token: ID, op: oneOf('c', 't', 'd', 'k', 's', 'b', 'g', 'e', 'r', 'v', 'x', 'y', 'n', 'm'), q: int(), a: int() } },
  'note-case': { tag: 'cn', fields: { caseId: ID } },
  'note-stages': { tag: 'cs', fields: { caseId: ID } },
  'note-go': { tag: 'cg', fields: { caseId: ID, stage: int() } },
  'case-page': { tag: 'cp', fields: { purpose: codes({ note: 'n', history: 'h', cases: 'c' }), page: int() } },
  'case-card': { tag: 'k', fields: { caseId: ID } },
  'case-edit': { tag: 'ce', fields: { caseId: ID } },
  history: { tag: 'h', fields: { caseId: ID, page: int() } },
  'history-note': { tag: 'hn', fields: { caseId: ID, noteId: ID, orgId: optional(ID) } },
  'move-stage': { tag: 'mv', fields: { caseId: ID, from: int(), stage: int() } },
  stay: { tag: 'st', fields: { caseId: ID } },
  'close-case': { tag: 'cl', fields: { caseId: ID } },
  'end-reason': { tag: 'er', fields: { caseId: ID, reason: int() } },
  'end-now': { tag: 'en', fields: { caseId: ID } },
  'reopen-case': { tag: 'ro', fields: { caseId: ID } },
  lang: { tag: 'l', fields: { lang: oneOf('id', 'en') } },
  draft: { tag: 'dr', fields: { choice: oneOf('resume', 'discard'), token: ID } },
  'reminder-snooze': { tag: 'rz', fields: { caseId: ID, occurrence: BASE36 } },
  'reminder-skip': { tag: 'rx', fields: { caseId: ID, occurrence: BASE36 } },
  'rem-menu': { tag: 'rm', fields: { item: oneOf('home', 'day', 'hour', 'zone', 'cases') } },
  'rem-day': { tag: 'rd', fields: { weekday: int(1, 7) } },
  'rem-hour': { tag: 'rh', fields: { hour: int(0, 23) } },
  'rem-zone': { tag: 'rw', fields: { zone: oneOf('wib', 'wita', 'wit') } },
  'rem-pause': { tag: 'rp', fields: { paused: BIT } },
  'rem-cadence': { tag: 'rc', fields: { caseId: ID, cadence: codes({ weekly: 'w', biweekly: 'b', monthly: 'm' }) } },
  review: {
    tag: { by: 'op', choice: codes({ approve: 'sa', feedback: 'sf', view: 'sv' }) },
    fields: { workerId: USER, caseId: ID, noteId: ID, version: optional(int()), orgId: optional(ID) },
  },
  'note-edit': { tag: 'ne', fields: { caseId: ID, noteId: ID, orgId: optional(ID) } },
  leave: { tag: 'lv', fields: { orgId: ID } },
  'org-use': { tag: 'ou', fields: { orgId: ID } },
  org: {
    tag: 'o',
    fields: {
      orgId: ID,
      op: codes({
        menu: 'm', members: 'l', invites: 'i', audit: 'a', 'invite-role': 'r', 'invite-make': 'c', 'invite-revoke': 'x',
        member: 'u', 'member-role': 'o', 'member-sups': 's', 'member-sup': 't', 'member-remove': 'd', 'member-remove-yes': 'y',
        'member-suspend': 'p', 'member-resume': 'q', retention: 'n', 'retention-set': 'e', 'audit-csv': 'v',
        emergency: 'g', 'emergency-reset': 'h', escalation: 'k', 'escalation-set': 'w', found: 'f',
      }),
      a: optional(WORD),
      b: optional(WORD),
    },
  },
  'report-case': { tag: 'lp', fields: { caseId: ID, orgId: optional(ID) } },
  'report-make': { tag: 'lk', fields: { caseId: ID, what: codes({ docx: 'd', pdf: 'p', sup: 's', chart: 'c', term: 't' }) } },
  'report-of': { tag: 'lo', fields: { workerId: USER, caseId: ID, what: codes({ docx: 'd', pdf: 'p', sup: 's', chart: 'c' }) } },
  'report-page': { tag: 'll', fields: { page: int() } },
  'report-docs': { tag: 'ld', fields: { caseId: ID } },
  'report-doc': { tag: 'lt', fields: { caseId: ID, template: REF, format: codes({ docx: 'd', pdf: 'p' }) } },
  'export-range': { tag: 'xr', fields: { range: codes({ 'this-month': 'm', 'last-month': 'p', 'last-3-months': 'q', all: 'a' }) } },
  'case-delete': { tag: { by: 'confirm', choice: flag('dq', 'dy') }, fields: { caseId: ID } },
  'adm-case': {
    tag: 'ac',
    fields: {
      orgId: ID,
      op: codes({ list: 'l', card: 'c', del: 'd', 'del-yes': 'y', move: 'm', 'move-to': 't', end: 'e' }),
      workerId: USER,
      caseId: optional(ID),
      to: optional(USER),
    },
  },
  'adm-end': {
    tag: 'ae',
    fields: { orgId: ID, workerId: USER, caseId: ID, reason: int() },
  },
  'my-data': { tag: 'md', fields: { confirm: BIT } },
  team: {
    tag: { by: 'op', choice: codes({ list: 'tl', worker: 'tw', cases: 'tc', case: 'tk' }) },
    fields: {
      orgId: ID,
      page: int(),
      workerId: optional(USER),
      filter: optional(codes({ all: 'a', overdue: 'o', flagged: 'f', stuck: 's', risks: 'r', awaiting: 'w' })),
      caseId: optional(ID),
    },
  },
  flow: { tag: 'fl', fields: { orgId: ID, op: codes({ publish: 'p', cancel: 'c', list: 'l', hide: 'h', show: 's', retire: 'r' }), ref: REF } },
  'form-admin': { tag: 'zf', fields: { orgId: ID, op: codes({ show: 's', publish: 'p', cancel: 'c', remove: 'r', 'remove-yes': 'y' }), ref: optional(ID) } },
  'form-make': { tag: 'zx', fields: { caseId: ID } },
  letterhead: { tag: 'kh', fields: { orgId: ID, op: codes({ show: 's', address: 'a', logo: 'l', 'logo-remove': 'r', 'paper-a4': 'p', 'paper-f4': 'f' }) } },
  'period-monthly': { tag: 'bm', fields: { orgId: ID, workerId: USER, step: PERIOD_STEP } },
  'period-recap': { tag: 'br', fields: { orgId: ID, step: PERIOD_STEP } },
  'period-case': { tag: 'bc', fields: { caseId: ID, step: PERIOD_STEP } },
  'period-workers': { tag: 'bs', fields: { orgId: ID, page: int() } },
  'monthly-make': { tag: 'bw', fields: { orgId: ID, workerId: USER, from: DAY, to: DAY, format: PERIOD_FORMAT } },
  'recap-make': { tag: 'bx', fields: { orgId: ID, from: DAY, to: DAY, format: PERIOD_FORMAT } },
  'case-period-make': { tag: 'bk', fields: { caseId: ID, from: DAY, to: DAY, format: codes({ docx: 'd', pdf: 'p' }) } },
} as const satisfies { readonly [K in Kind]: Def<Extract<Action, { kind: K }>> };

// ---- the tables encode and decode read, built once from KINDS --------------------------------------

interface AnyCodec {
  readonly enc: (v: unknown) => string;
  readonly dec: (s: string) => unknown;
  readonly optional?: boolean;
}
interface Layout {
  readonly kind: Kind;
  readonly tag: string | { readonly by: string; readonly choice: AnyCodec & { readonly values: readonly unknown[] } };
  readonly fields: readonly (readonly [string, AnyCodec])[];
  /** how many fields come before the optional ones */
  readonly required: number;
}
const LAYOUT = new Map<Kind, Layout>();
const BY_TAG = new Map<string, { readonly layout: Layout; readonly preset: Readonly<Record<string, unknown>> }>();
for (const [kind, def] of Object.entries(KINDS) as [Kind, Omit<Layout, 'kind' | 'fields' | 'required'> & { fields: Record<string, AnyCodec> }][]) {
  const fields = Object.entries(def.fields);
  const first = fields.findIndex(([, c]) => c.optional);
  const required = first < 0 ? fields.length : first;
  if (fields.slice(required).some(([, c]) => !c.optional)) throw new Error(`callback-data: ${kind}: optional fields must come last`);
  const layout: Layout = { ...def, kind, fields, required };
  LAYOUT.set(kind, layout);
  const t = def.tag;
  const tags = typeof t === 'string' ? [[t, {}] as const] : t.choice.values.map((v) => [t.choice.enc(v), { [t.by]: v }] as const);
  for (const [tag, preset] of tags) {
    if (!/^[a-z]{1,2}$/.test(tag) || BY_TAG.has(tag)) throw new Error(`callback-data: ${kind}: tag ${JSON.stringify(tag)} malformed or taken`);
    BY_TAG.set(tag, { layout, preset });
  }
}

export function encode(a: Action): string {
  const { tag, fields } = LAYOUT.get(a.kind)!;
  const v = a as unknown as Record<string, unknown>;
  const out = [typeof tag === 'string' ? tag : tag.choice.enc(v[tag.by])];
  let left: string | undefined;
  for (const [key, codec] of fields) {
    if (codec.optional && v[key] === undefined) left ??= key;
    else if (left !== undefined) throw new Error(`callback-data: ${a.kind}: ${key} given without ${left} (optional fields are positional)`);
    else out.push(codec.enc(v[key]));
  }
  return out.join(':');
}

/** undefined for anything malformed: the caller answers "this button no longer works". */
export function decode(data: string): Action | undefined {
  // Telegram's limit; what encode writes is ASCII, so over 64 characters is over 64 bytes
  if (data.length > 64) return undefined;
  const [tag, ...parts] = data.split(':');
  const entry = BY_TAG.get(tag!);
  if (!entry) return undefined;
  const { layout, preset } = entry;
  if (parts.length < layout.required || parts.length > layout.fields.length) return undefined;
  const a: Record<string, unknown> = { kind: layout.kind, ...preset };
  for (const [i, s] of parts.entries()) {
    const [key, codec] = layout.fields[i]!;
    const v = codec.dec(s);
    if (v === undefined) return undefined;
    a[key] = v;
  }
  return a as Action;
}
