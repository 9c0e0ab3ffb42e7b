// Every Redis key is built here. All keys of one user share the hash tag {u:<id>}, and all keys of
// one organisation {o:<id>}: what one Lua call touches lives in one Redis Cluster slot. (An update
// that also reads or writes another user's or the organisation's keys pipelines them in the same
// round trip; on a cluster those become one round trip per slot.)
export interface Keys {
  /** the user's conversation state (grammY session): language, the note or case being written */
  session(userId: number): string;
  /** hash: caseId → encrypted case record, for the cases this user works */
  cases(userId: number): string;
  /** hash: noteId → encrypted saved note, for one case of this user */
  notes(userId: number, caseId: string): string;
  /** a reminder of one case for one period (week or month): claimed, then sent (the exactly-once guard) */
  reminded(userId: number, caseId: string, period: string): string;
  /** list: sealed effect entries (writes outside the user's keys, messages to others) recorded by the
   *  user's compare-and-set, not yet applied (src/store/effects.ts) */
  effects(userId: number): string;
  /** held by the instance handling one of this user's updates (several instances behind a load balancer) */
  lock(userId: number): string;
  /** an outbox message to this user: claimed, then sent (the exactly-once guard of its job id) */
  outboxSent(userId: number, jobId: string): string;
  /** an export (report, chart, spreadsheet) to this user: claimed, then sent (its job id's guard) */
  exportSent(userId: number, jobId: string): string;
  /** sorted set: this user's export job ids queued and not yet finished, by the time queued (their
   *  count is a new job's rank: the BullMQ priority that keeps one user's many behind another's first) */
  exportsQueued(userId: number): string;
  /** string: the job id of this user's export running now (one at a time per user) */
  exportRunning(userId: number): string;
  /** set when Telegram says the user blocked the bot: their reminders pause */
  blocked(userId: number): string;
  /** hash: orgId, role, suspended, lang — the organisation the user works in now (their active one,
   *  chosen with /lembaga; absent: not a member of any) */
  membership(userId: number): string;
  /** hash: orgId → JSON {role, name, suspended?}: every organisation the user belongs to */
  memberships(userId: number): string;
  /** hash: caseId → orgId: the organisation each of the user's cases belongs to (ids only, in clear,
   *  so the read takes only the active organisation's cases without opening them) */
  caseOrgs(userId: number): string;
  /** set: the supervisors of this worker in one organisation */
  supervisorsOf(userId: number, orgId: string): string;
  /** set: the workers this supervisor supervises in one organisation */
  workersOf(userId: number, orgId: string): string;
  /** set: those of this worker's supervisors in one organisation an admin suspended (kept by the
   *  suspension's write, so the worker's own read leaves them out of a note's summaries without
   *  reading their keys) */
  supervisorsSuspended(userId: number, orgId: string): string;
  /** what read.lua appends a relation's name to (…:supervisors, …:workers, …:supervisors-suspended)
   *  for the active organisation: it knows the organisation only once it read the membership */
  orgBase(userId: number): string;
  /** the keys of before several organisations per user (src/store/migrate-memberships.ts moves them) */
  legacy: { supervisorsOf(userId: number): string; workersOf(userId: number): string; supervisorsSuspended(userId: number): string; caseload(userId: number, part: string): string };
  /** SCAN pattern of every user's active membership */
  allMemberships: string;
  /** string: the membership migration is done (src/store/migrate-memberships.ts) */
  membershipsMigrated: string;
  /** set once every supervisor's and admin's ☰ menu was queued (src/outbox/menu-backfill.ts) */
  menusQueued: string;
  /** hash: noteId → review state (menunggu / disetujui / perlu_perbaikan) of this worker's notes */
  reviewStates(userId: number): string;
  /** hash, encrypted: the risk alerts of one of this worker's cases and their follow-up — `<risk id>`
   *  the alert, `<risk id>:taken` who took it, `<risk id>:done` how it was followed up
   *  (src/store/risk-records.ts); erased with the case */
  risks(userId: number, caseId: string): string;
  /** a part of this worker's caseload index in one organisation (src/store/caseload-index.ts): ids
   *  and times only */
  caseload(userId: number, orgId: string, part: string): string;
  /** string: the version of the caseload index this worker's was built with (a rebuild when older) */
  caseloadBuilt(userId: number): string;
  /** list: encrypted review events of one note (submitted, approved, feedback, revised), oldest first */
  reviewLog(userId: number, noteId: string): string;
  /** string: the organisation (name, created) */
  org(orgId: string): string;
  /** hash: userId → member (name, role, joined) */
  members(orgId: string): string;
  /** string: the emergency numbers a worker is shown when a risk reaches nobody (an admin's setting) */
  emergency(orgId: string): string;
  /** hash: invitation id (a hash of the link's secret, never the secret) → invitation */
  invites(orgId: string): string;
  /** hash: userId → ISO time they left or were removed (only a single-use link made later readmits them) */
  former(orgId: string): string;
  /** stream: who did what, when, in this organisation */
  audit(orgId: string): string;
  /** string: the warning that a closed case will be deleted by the retention rule was sent (once) */
  retentionWarned(userId: number, caseId: string): string;
  /** hash: userId → JSON {at, cases}: former members (removed, left, deleted their own data) who left
   *  cases behind, for an admin to move, end or delete */
  departed(orgId: string): string;
  /** stream: refusals of non-members (forged buttons, guessed invitations) and what users without an
   *  organisation did — ids only, capped; never an organisation's audit */
  security: string;
  /** hash: refusals of non-members counted per source (`u:<user id>`) and per organisation named (`o:<id>`) */
  securityCounts: string;
  /** counter: one source's refusals in the current window (the security stream's rate limit) */
  securityWindow(userId: number): string;
  /** hash: update id → the update sealed (long polling: updates in hand parked so the offset can move
   *  past them; removed when handled, handled first at the next start) */
  parkedUpdates: string;
  /** hash: the key rotation's checkpoint (SCAN cursor, counts) — see src/cli/rotate-key.ts */
  rotation: string;
  /** SCAN pattern of every organisation record, and the organisation id in such a key */
  allOrgs: string;
  orgOfKey(key: string): string | undefined;
  /** string: a compiled flow version (JSON), addressed by its content hash; written once (SET NX) */
  flowBlob(hash: string): string;
  /** hash: "<flowId>@<version>" → content hash; a field is written once (HSETNX) */
  flowIndex: string;
  /** counter: raised on every publish, retire or hide, so every bot instance refreshes its registry */
  flowEpoch: string;
  /** set: organisations with flow settings (published flows, hidden built-ins) */
  flowOrgs: string;
  /** hash: file id → the organisation's published flow (current version, retired) */
  orgFlows(orgId: string): string;
  /** set: built-in flow ids this organisation does not offer for new cases */
  orgHiddenFlows(orgId: string): string;
  /** hash: the organisation's own Word form (src/store/form-records.ts): `meta` (JSON: file name,
   *  size, who published it, when) and `docx` (the file, base64) */
  orgForm(orgId: string): string;
  /** hash: the organisation's letterhead (kop surat) and paper (src/store/letterhead-records.ts):
   *  `address`, `paper` (A4 or F4), `logo` (PNG or JPEG, base64) and `logoType` */
  letterhead(orgId: string): string;
  /** string, sealed, with a TTL: a dashboard session (src/dashboard/sessions.ts), addressed by a
   *  hash of its token (the token itself is never stored) */
  dashSession(tokenHash: string): string;
  /** BullMQ's prefix: its keys share one hash tag, as BullMQ needs on a cluster */
  bullPrefix: string;
  /** SCAN patterns of every user's cases hash and workers sets, and the user id in such a key (or in
   *  a membership's) */
  allCases: string;
  /** SCAN pattern of every user's effects list */
  allEffects: string;
  allWorkers: string;
  userOfKey(key: string): number | undefined;
}

export function createKeys(prefix = 'pendamping:'): Keys {
  const user = (id: number) => `${prefix}{u:${id}}`;
  return {
    session: (id) => `${user(id)}:session`,
    cases: (id) => `${user(id)}:cases`,
    notes: (id, caseId) => `${user(id)}:notes:${caseId}`,
    reminded: (id, caseId, period) => `${user(id)}:reminded:${caseId}:${period}`,
    effects: (id) => `${user(id)}:effects`,
    lock: (id) => `${user(id)}:lock`,
    outboxSent: (id, jobId) => `${user(id)}:sent:${jobId}`,
    exportSent: (id, jobId) => `${user(id)}:exported:${jobId}`,
    exportsQueued: (id) => `${user(id)}:exports-queued`,
    exportRunning: (id) => `${user(id)}:export-running`,
    blocked: (id) => `${user(id)}:blocked`,
    membership: (id) => `${user(id)}:membership`,
    memberships: (id) => `${user(id)}:orgs`,
    caseOrgs: (id) => `${user(id)}:case-orgs`,
    supervisorsOf: (id, org) => `${user(id)}:o:${org}:supervisors`,
    workersOf: (id, org) => `${user(id)}:o:${org}:workers`,
    supervisorsSuspended: (id, org) => `${user(id)}:o:${org}:supervisors-suspended`,
    orgBase: (id) => `${user(id)}:o:`,
    legacy: {
      supervisorsOf: (id) => `${user(id)}:supervisors`,
      workersOf: (id) => `${user(id)}:workers`,
      supervisorsSuspended: (id) => `${user(id)}:supervisors-suspended`,
      caseload: (id, part) => `${user(id)}:ix:${part}`,
    },
    allMemberships: `${prefix}{u:*}:membership`,
    membershipsMigrated: `${prefix}{mig}:memberships`,
    menusQueued: `${prefix}{mig}:menus`,
    reviewStates: (id) => `${user(id)}:review-states`,
    risks: (id, caseId) => `${user(id)}:risks:${caseId}`,
    caseload: (id, org, part) => `${user(id)}:o:${org}:ix:${part}`,
    caseloadBuilt: (id) => `${user(id)}:ix-built`,
    reviewLog: (id, noteId) => `${user(id)}:review-log:${noteId}`,
    org: (id) => `${prefix}{o:${id}}:org`,
    members: (id) => `${prefix}{o:${id}}:members`,
    emergency: (id) => `${prefix}{o:${id}}:emergency`,
    invites: (id) => `${prefix}{o:${id}}:invites`,
    former: (id) => `${prefix}{o:${id}}:former`,
    audit: (id) => `${prefix}{o:${id}}:audit`,
    retentionWarned: (id, caseId) => `${user(id)}:retention-warned:${caseId}`,
    departed: (id) => `${prefix}{o:${id}}:departed`,
    security: `${prefix}{sec}:audit`,
    securityCounts: `${prefix}{sec}:counts`,
    securityWindow: (id) => `${prefix}{sec}:window:${id}`,
    parkedUpdates: `${prefix}{poll}:parked`,
    rotation: `${prefix}{rot}:checkpoint`,
    allOrgs: `${prefix}{o:*}:org`,
    orgOfKey: (key) => {
      const m = /\{o:([a-z0-9]+)\}:org$/.exec(key);
      return m && key.startsWith(prefix) ? m[1] : undefined;
    },
    // flow versions are global data: one slot, {flows}
    flowBlob: (hash) => `${prefix}{flows}:blob:${hash}`,
    flowIndex: `${prefix}{flows}:index`,
    flowEpoch: `${prefix}{flows}:epoch`,
    flowOrgs: `${prefix}{flows}:orgs`,
    orgFlows: (id) => `${prefix}{o:${id}}:flows`,
    orgHiddenFlows: (id) => `${prefix}{o:${id}}:hidden-flows`,
    orgForm: (id) => `${prefix}{o:${id}}:form`,
    letterhead: (id) => `${prefix}{o:${id}}:letterhead`,
    dashSession: (hash) => `${prefix}{dash}:session:${hash}`,
    bullPrefix: `${prefix}{bull}`,
    allCases: `${prefix}{u:*}:cases`,
    allEffects: `${prefix}{u:*}:effects`,
    allWorkers: `${prefix}{u:*}:o:*:workers`,
    userOfKey: (key) => {
      const m = /\{u:(\d+)\}:(?:cases|membership|o:[a-z0-9]+:workers)$/.exec(key);
      return m && key.startsWith(prefix) ? Number(m[1]) : undefined;
    },
  };
}
