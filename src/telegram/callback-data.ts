// Button data, kept under Telegram's 64 bytes. Every button names what it acts on (a case id, an
// activity token), so a forged or stale button is recognised and refused, never guessed at.

/** Form operations, on the current question of the current activity. */
export type FormOp =
  | 'c' // choose option a
  | 't' // toggle option a (multi)
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

const FORM_OPS = new Set<string>(['c', 't', 'd', 'k', 'r', 's', 'b', 'g', 'e', 'v', 'x', 'y', 'n']);

export type MenuItem = 'home' | 'new' | 'note' | 'cases' | 'history' | 'help';

export type Action =
  | { kind: 'menu'; item: MenuItem }
  | { kind: 'form'; token: string; op: FormOp; q: number; a: number }
  | { kind: 'note-case'; caseId: string }
  | { kind: 'note-stages'; caseId: string }
  | { kind: 'note-go'; caseId: string; stage: number }
  | { kind: 'case-page'; purpose: 'note' | 'history' | 'cases'; page: number }
  | { kind: 'case-card'; caseId: string }
  | { kind: 'history'; caseId: string; page: number }
  | { kind: 'history-note'; caseId: string; noteId: string }
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
  | { kind: 'review'; op: 'approve' | 'feedback' | 'view'; workerId: number; caseId: string; noteId: string; version?: number }
  | { kind: 'note-edit'; caseId: string; noteId: string }
  | { kind: 'leave'; orgId: string }
  | { kind: 'org'; orgId: string; op: OrgOp; a?: string; b?: string }
  /** /laporan: the formats of one case's report */
  | { kind: 'report-case'; caseId: string }
  /** make it: Word, PDF, the progress chart, or the termination sheet */
  | { kind: 'report-make'; caseId: string; what: ReportWhat }
  /** /laporan's list of cases, paged */
  | { kind: 'report-page'; page: number }
  /** /ekspor: the date range of the spreadsheet */
  | { kind: 'export-range'; range: ExportRange }
  /** 🗑 Hapus kasus on the worker's own case card: asks (confirm false), then deletes */
  | { kind: 'case-delete'; caseId: string; confirm: boolean }
  /** an admin's screens of a worker's cases: list, card, delete (asks, then does), move (pick, do) */
  | { kind: 'adm-case'; orgId: string; op: AdmCaseOp; workerId: number; caseId?: string; to?: number }
  /** /hapus_data_saya: asks (confirm false), then deletes the member's own data */
  | { kind: 'my-data'; confirm: boolean }
  /** an organisation's flows: publish or cancel an upload (ref = its token), list, hide / show a
   *  built-in (ref = its id), retire an own flow (ref = the file's flow id) */
  | { kind: 'flow'; orgId: string; op: FlowOp; ref: string };

export type FlowOp = 'publish' | 'cancel' | 'list' | 'hide' | 'show' | 'retire';
const FLOW_OPS = { p: 'publish', c: 'cancel', l: 'list', h: 'hide', s: 'show', r: 'retire' } as const;
const FLOW_CODES = { publish: 'p', cancel: 'c', list: 'l', hide: 'h', show: 's', retire: 'r' } as const;

export type AdmCaseOp = 'list' | 'card' | 'del' | 'del-yes' | 'move' | 'move-to';
const ADM_OPS = { l: 'list', c: 'card', d: 'del', y: 'del-yes', m: 'move', t: 'move-to' } as const;
const ADM_CODES = { list: 'l', card: 'c', del: 'd', 'del-yes': 'y', move: 'm', 'move-to': 't' } as const;

export type ReportWhat = 'docx' | 'pdf' | 'chart' | 'term';
export type ExportRange = 'this-month' | 'last-month' | 'last-3-months' | 'all';
const REPORT_WHAT = { d: 'docx', p: 'pdf', c: 'chart', t: 'term' } as const;
const REPORT_CODE = { docx: 'd', pdf: 'p', chart: 'c', term: 't' } as const;
const EXPORT_RANGE = { m: 'this-month', p: 'last-month', q: 'last-3-months', a: 'all' } as const;
const RANGE_CODE = { 'this-month': 'm', 'last-month': 'p', 'last-3-months': 'q', all: 'a' } as const;

/** Organisation screens: menu, members, invitations, audit. */
export type OrgOp =
  | 'menu' | 'members' | 'invites' | 'audit'
  | 'invite-role' // a = role
  | 'invite-make' // a = role, b = 's' single-use 7 days | 'm' multi-use 30 days
  | 'invite-revoke' // a = secret
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
  | 'audit-csv'; // a = case id (optional): the audit log as CSV

const ID = /^[a-z0-9]{4,16}$/;
const USER = /^\d{1,15}$/;
const ORG_OPS: Record<string, OrgOp> = {
  m: 'menu', l: 'members', i: 'invites', a: 'audit', r: 'invite-role', c: 'invite-make', x: 'invite-revoke',
  u: 'member', o: 'member-role', s: 'member-sups', t: 'member-sup', d: 'member-remove', y: 'member-remove-yes',
  p: 'member-suspend', q: 'member-resume', n: 'retention', e: 'retention-set', v: 'audit-csv',
};
const ORG_CODES = Object.fromEntries(Object.entries(ORG_OPS).map(([k, v]) => [v, k])) as Record<OrgOp, string>;
const REVIEW_OPS = { a: 'approve', f: 'feedback', v: 'view' } as const;
const MENU = new Set(['home', 'new', 'note', 'cases', 'history', 'help']);
const PURPOSE = { n: 'note', h: 'history', k: 'cases' } as const;
const REM_MENU = new Set(['home', 'day', 'hour', 'zone', 'cases']);
const CADENCE_CODE = { weekly: 'w', biweekly: 'b', monthly: 'm' } as const;
const CADENCE_BY_CODE = { w: 'weekly', b: 'biweekly', m: 'monthly' } as const;

export function encode(a: Action): string {
  switch (a.kind) {
    case 'menu': return `m:${a.item}`;
    case 'form': return `f:${a.token}:${a.op}:${a.q}:${a.a}`;
    case 'note-case': return `cn:${a.caseId}`;
    case 'note-stages': return `cs:${a.caseId}`;
    case 'note-go': return `cg:${a.caseId}:${a.stage}`;
    case 'case-page': return `cp:${a.purpose[0]}:${a.page}`;
    case 'case-card': return `k:${a.caseId}`;
    case 'history': return `h:${a.caseId}:${a.page}`;
    case 'history-note': return `hn:${a.caseId}:${a.noteId}`;
    case 'move-stage': return `mv:${a.caseId}:${a.from}:${a.stage}`;
    case 'stay': return `st:${a.caseId}`;
    case 'close-case': return `cl:${a.caseId}`;
    case 'end-reason': return `er:${a.caseId}:${a.reason}`;
    case 'end-now': return `en:${a.caseId}`;
    case 'reopen-case': return `ro:${a.caseId}`;
    case 'lang': return `l:${a.lang}`;
    case 'draft': return `dr:${a.choice}:${a.token}`;
    case 'reminder-snooze': return `rz:${a.caseId}:${a.occurrence.toString(36)}`;
    case 'reminder-skip': return `rx:${a.caseId}:${a.occurrence.toString(36)}`;
    case 'rem-menu': return `rm:${a.item}`;
    case 'rem-day': return `rd:${a.weekday}`;
    case 'rem-hour': return `rh:${a.hour}`;
    case 'rem-zone': return `rw:${a.zone}`;
    case 'rem-pause': return `rp:${a.paused ? 1 : 0}`;
    case 'rem-cadence': return `rc:${a.caseId}:${CADENCE_CODE[a.cadence]}`;
    case 'review': return `s${a.op[0]}:${a.workerId}:${a.caseId}:${a.noteId}${a.version !== undefined ? `:${a.version}` : ''}`;
    case 'note-edit': return `ne:${a.caseId}:${a.noteId}`;
    case 'leave': return `lv:${a.orgId}`;
    case 'org': return ['o', a.orgId, ORG_CODES[a.op], a.a, a.b].filter((x) => x !== undefined).join(':');
    case 'report-case': return `lp:${a.caseId}`;
    case 'report-make': return `lk:${a.caseId}:${REPORT_CODE[a.what]}`;
    case 'report-page': return `ll:${a.page}`;
    case 'export-range': return `xr:${RANGE_CODE[a.range]}`;
    case 'case-delete': return `${a.confirm ? 'dy' : 'dq'}:${a.caseId}`;
    case 'adm-case': return ['ac', a.orgId, ADM_CODES[a.op], a.workerId, a.caseId, a.to].filter((x) => x !== undefined).join(':');
    case 'my-data': return `md:${a.confirm ? 1 : 0}`;
    case 'flow': return `fl:${a.orgId}:${FLOW_CODES[a.op]}:${a.ref}`;
  }
}

const int = (s: string | undefined): number | undefined => (s !== undefined && /^\d{1,3}$/.test(s) ? Number(s) : undefined);
const id = (s: string | undefined): string | undefined => (s !== undefined && ID.test(s) ? s : undefined);

/** undefined for anything malformed: the caller answers "this button no longer works". */
export function decode(data: string): Action | undefined {
  const [tag, x, y, z, w] = data.split(':');
  switch (tag) {
    case 'm': return x && MENU.has(x) ? { kind: 'menu', item: x as MenuItem } : undefined;
    case 'f': {
      const token = id(x); const q = int(z); const a = int(w);
      return token && y && FORM_OPS.has(y) && q !== undefined && a !== undefined ? { kind: 'form', token, op: y as FormOp, q, a } : undefined;
    }
    case 'cn': return id(x) ? { kind: 'note-case', caseId: x! } : undefined;
    case 'cs': return id(x) ? { kind: 'note-stages', caseId: x! } : undefined;
    case 'cg': return id(x) && int(y) !== undefined ? { kind: 'note-go', caseId: x!, stage: int(y)! } : undefined;
    case 'cp': {
      const purpose = PURPOSE[x as keyof typeof PURPOSE];
      return purpose && int(y) !== undefined ? { kind: 'case-page', purpose, page: int(y)! } : undefined;
    }
    case 'k': return id(x) ? { kind: 'case-card', caseId: x! } : undefined;
    case 'h': return id(x) && int(y) !== undefined ? { kind: 'history', caseId: x!, page: int(y)! } : undefined;
    case 'hn': return id(x) && id(y) ? { kind: 'history-note', caseId: x!, noteId: y! } : undefined;
    case 'mv': return id(x) && int(y) !== undefined && int(z) !== undefined ? { kind: 'move-stage', caseId: x!, from: int(y)!, stage: int(z)! } : undefined;
    case 'st': return id(x) ? { kind: 'stay', caseId: x! } : undefined;
    case 'cl': return id(x) ? { kind: 'close-case', caseId: x! } : undefined;
    case 'er': return id(x) && int(y) !== undefined ? { kind: 'end-reason', caseId: x!, reason: int(y)! } : undefined;
    case 'en': return id(x) ? { kind: 'end-now', caseId: x! } : undefined;
    case 'ro': return id(x) ? { kind: 'reopen-case', caseId: x! } : undefined;
    case 'l': return x === 'id' || x === 'en' ? { kind: 'lang', lang: x } : undefined;
    case 'dr': return (x === 'resume' || x === 'discard') && id(y) ? { kind: 'draft', choice: x, token: y! } : undefined;
    case 'rz':
    case 'rx': {
      const occurrence = y && /^[0-9a-z]{1,11}$/.test(y) ? parseInt(y, 36) : NaN;
      if (!id(x) || !Number.isSafeInteger(occurrence)) return undefined;
      return { kind: tag === 'rz' ? 'reminder-snooze' : 'reminder-skip', caseId: x!, occurrence };
    }
    case 'rm': return x && REM_MENU.has(x) ? { kind: 'rem-menu', item: x as 'home' } : undefined;
    case 'rd': return int(x) !== undefined && int(x)! >= 1 && int(x)! <= 7 ? { kind: 'rem-day', weekday: int(x)! } : undefined;
    case 'rh': return int(x) !== undefined && int(x)! <= 23 ? { kind: 'rem-hour', hour: int(x)! } : undefined;
    case 'rw': return x === 'wib' || x === 'wita' || x === 'wit' ? { kind: 'rem-zone', zone: x } : undefined;
    case 'rp': return x === '1' || x === '0' ? { kind: 'rem-pause', paused: x === '1' } : undefined;
    case 'sa':
    case 'sf':
    case 'sv':
      return x && USER.test(x) && id(y) && id(z)
        ? { kind: 'review', op: REVIEW_OPS[tag[1] as 'a'], workerId: Number(x), caseId: y!, noteId: z!, ...(int(w) !== undefined ? { version: int(w)! } : {}) }
        : undefined;
    case 'ne': return id(x) && id(y) ? { kind: 'note-edit', caseId: x!, noteId: y! } : undefined;
    case 'lv': return id(x) ? { kind: 'leave', orgId: x! } : undefined;
    case 'o': {
      const op = y ? ORG_OPS[y] : undefined;
      if (!id(x) || !op) return undefined;
      const ok = (s: string | undefined) => s === undefined || /^[a-z0-9]{1,16}$/.test(s);
      if (!ok(z) || !ok(w)) return undefined;
      return { kind: 'org', orgId: x!, op, ...(z !== undefined ? { a: z } : {}), ...(w !== undefined ? { b: w } : {}) };
    }
    case 'lp': return id(x) ? { kind: 'report-case', caseId: x! } : undefined;
    case 'lk': {
      const what = REPORT_WHAT[y as keyof typeof REPORT_WHAT];
      return id(x) && what ? { kind: 'report-make', caseId: x!, what } : undefined;
    }
    case 'll': return int(x) !== undefined ? { kind: 'report-page', page: int(x)! } : undefined;
    case 'xr': {
      const range = EXPORT_RANGE[x as keyof typeof EXPORT_RANGE];
      return range ? { kind: 'export-range', range } : undefined;
    }
    case 'dq':
    case 'dy': return id(x) ? { kind: 'case-delete', caseId: x!, confirm: tag === 'dy' } : undefined;
    case 'md': return x === '1' || x === '0' ? { kind: 'my-data', confirm: x === '1' } : undefined;
    case 'fl': {
      const op = FLOW_OPS[y as keyof typeof FLOW_OPS];
      return id(x) && op && z !== undefined && /^[a-z0-9-]{1,32}$/.test(z) && w === undefined ? { kind: 'flow', orgId: x!, op, ref: z } : undefined;
    }
    case 'ac': {
      const op = ADM_OPS[y as keyof typeof ADM_OPS];
      if (!id(x) || !op || !z || !USER.test(z)) return undefined;
      if (w !== undefined && !id(w)) return undefined;
      const to = data.split(':')[5];
      if (to !== undefined && !USER.test(to)) return undefined;
      return { kind: 'adm-case', orgId: x!, op, workerId: Number(z), ...(w !== undefined ? { caseId: w } : {}), ...(to !== undefined ? { to: Number(to) } : {}) };
    }
    case 'rc': {
      const cadence = CADENCE_BY_CODE[y as keyof typeof CADENCE_BY_CODE];
      return id(x) && cadence ? { kind: 'rem-cadence', caseId: x!, cadence } : undefined;
    }
    default: return undefined;
  }
}

/** The user's own case whose notes this update needs, so they come in the same read as the session. */
export function notesNeeded(a: Action | undefined): string | undefined {
  return a && (a.kind === 'history' || a.kind === 'history-note' || a.kind === 'note-edit' || a.kind === 'case-delete') ? a.caseId : undefined;
}
