// Every Redis key is built here. All keys of one user share the hash tag {u:<id>}, so the keys one
// update reads or writes together live in one Redis Cluster slot (pipelines and Lua stay legal).
export interface Keys {
  /** the user's conversation state (grammY session): language, the note or case being written */
  session(userId: number): string;
  /** hash: caseId → encrypted case record, for the cases this user works */
  cases(userId: number): string;
  /** hash: noteId → encrypted saved note, for one case of this user */
  notes(userId: number, caseId: string): string;
  /** a reminder of one case for one period (week or month): claimed, then sent (the exactly-once guard) */
  reminded(userId: number, caseId: string, period: string): string;
  /** set when Telegram says the user blocked the bot: their reminders pause */
  blocked(userId: number): string;
  /** BullMQ's prefix: its keys share one hash tag, as BullMQ needs on a cluster */
  bullPrefix: string;
  /** SCAN pattern of every user's cases hash, and the user id in one of those keys */
  allCases: string;
  userOfCasesKey(key: string): number | undefined;
}

export function createKeys(prefix = 'pendamping:'): Keys {
  const user = (id: number) => `${prefix}{u:${id}}`;
  return {
    session: (id) => `${user(id)}:session`,
    cases: (id) => `${user(id)}:cases`,
    notes: (id, caseId) => `${user(id)}:notes:${caseId}`,
    reminded: (id, caseId, period) => `${user(id)}:reminded:${caseId}:${period}`,
    blocked: (id) => `${user(id)}:blocked`,
    bullPrefix: `${prefix}{bull}`,
    allCases: `${prefix}{u:*}:cases`,
    userOfCasesKey: (key) => {
      const m = /\{u:(\d+)\}:cases$/.exec(key);
      return m && key.startsWith(prefix) ? Number(m[1]) : undefined;
    },
  };
}
