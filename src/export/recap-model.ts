// A supervisor's recap of a period across the workers they supervise: per worker the clients under
// supervision (by program), held contacts, missed contacts, home visits, open risk alerts and cases
// ended, with totals; then the clients by program. Counts only, no client: ids never leave the
// records. Pure.
import type { Lang } from '../cases/labels.ts';
import { factWords } from '../cases/intake-facts.ts';
import { noteHeld, withoutClient } from '../cases/note-builder.ts';
import type { CaseRecord, NoteRecord } from '../store/records.ts';
import type { RiskRecord } from '../store/risk-records.ts';
import type { Translate } from '../telegram/format.ts';
import { BLANK } from './institution-report.ts';
import { dayIn, longDate } from './dates.ts';
import { noteDay } from './report-model.ts';
import { inCareDuring, periodWords, within, type Period } from './period.ts';
import type { PeriodDocument } from './period-doc.ts';

export interface RecapWorker {
  userId: number;
  name: string;
  cases: CaseRecord[];
  notes: NoteRecord[];
  /** the risk alerts of their active cases, with their follow-up */
  risks: RiskRecord[];
}

export interface RecapInput {
  workers: RecapWorker[];
  orgName: string | undefined;
  /** who asks: the supervisor signs it */
  supervisorName: string;
  period: Period;
  lang: Lang;
  zone: string;
  now: string;
  t: Translate;
}

export interface RecapCounts {
  clients: number;
  held: number;
  missed: number;
  homeVisits: number;
  openRisks: number;
  ended: number;
  /** clients by program (its words; a client without one by the place of service) */
  programs: Map<string, number>;
}

const HOME_VISIT = 'kunjungan_rumah';

/** A worker's figures for the period (exported for the tests' and the bench's arithmetic). */
export function countWorker(w: RecapWorker, input: Pick<RecapInput, 'period' | 'lang' | 'zone' | 't'>): RecapCounts {
  const { period, zone, lang, t } = input;
  const inCare = w.cases.filter((c) => inCareDuring(c, period, zone));
  const programs = new Map<string, number>();
  for (const c of inCare) {
    const program = factWords(c, lang).find(([id]) => id === 'program')?.[1] ?? `${t('recap-no-program')} (${t(`setting-${c.setting}`)})`;
    programs.set(program, (programs.get(program) ?? 0) + 1);
  }
  const notes = w.notes.filter((n) => within(noteDay(n, zone), period));
  const held = notes.filter((n) => noteHeld(n));
  const active = new Set(w.cases.filter((c) => c.status === 'active').map((c) => c.id));
  return {
    clients: inCare.length,
    held: held.length,
    // not held, and not a contact about the client without them (nothing was missed there)
    missed: notes.filter((n) => !noteHeld(n) && !withoutClient(n)).length,
    // a visit that took place
    homeVisits: held.filter((n) => n.items.some((i) => i.id === 'jenis_kontak' && i.value === HOME_VISIT)).length,
    // as /tim counts them: not followed up, on a case still active
    openRisks: w.risks.filter((r) => !r.done && active.has(r.alert.caseId)).length,
    ended: w.cases.filter((c) => c.status === 'closed' && c.closure && within(dayIn(c.closure.at, zone), period)).length,
    programs,
  };
}

function programWords(programs: Map<string, number>): string {
  return [...programs.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'id')).map(([p, n]) => `${p} ${n}`).join(', ');
}

export function buildRecap(input: RecapInput): PeriodDocument {
  const { lang, t, zone, period } = input;
  const workers = [...input.workers].sort((a, b) => a.name.localeCompare(b.name, 'id') || a.userId - b.userId);
  const counted = workers.map((w) => ({ w, c: countWorker(w, input) }));
  const sum = (k: Exclude<keyof RecapCounts, 'programs'>) => counted.reduce((a, x) => a + x.c[k], 0);
  const byProgram = new Map<string, { total: number; workers: string[] }>();
  for (const { w, c } of counted) {
    for (const [p, n] of c.programs) {
      const entry = byProgram.get(p) ?? { total: 0, workers: [] };
      entry.total += n;
      entry.workers.push(`${w.name} ${n}`);
      byProgram.set(p, entry);
    }
  }
  const words = periodWords(period, lang);
  const row = (c: RecapCounts) => [String(c.held), String(c.missed), String(c.homeVisits), String(c.openRisks), String(c.ended)];
  return {
    confidential: t('inst-confidential'),
    org: input.orgName,
    title: t('recap-title'),
    subtitle: words,
    identity: [
      ...(input.orgName ? [{ label: t('monthly-org'), value: input.orgName }] : []),
      { label: t('inst-period'), value: words },
      { label: t('recap-supervisor'), value: input.supervisorName },
      { label: t('recap-workers'), value: String(workers.length) },
    ],
    parts: [
      {
        kind: 'table',
        heading: t('recap-table-heading'),
        head: ['worker', 'clients', 'held', 'missed', 'home', 'risks', 'ended'].map((k) => t(`recap-col-${k}`)),
        rows: counted.map(({ w, c }) => [w.name, c.clients > 0 ? `${c.clients} (${programWords(c.programs)})` : '0', ...row(c)]),
        widths: [18, 32, 10, 10, 10, 10, 10],
        total: [t('recap-total'), String(sum('clients')), String(sum('held')), String(sum('missed')), String(sum('homeVisits')), String(sum('openRisks')), String(sum('ended'))],
        empty: t('recap-no-workers'),
        note: t('recap-how-counted'),
      },
      {
        kind: 'table',
        heading: t('recap-programs-heading'),
        head: [t('recap-col-program'), t('recap-col-clients'), t('recap-col-by-worker')],
        rows: [...byProgram.entries()].sort((a, b) => b[1].total - a[1].total || a[0].localeCompare(b[0], 'id')).map(([p, e]) => [p, String(e.total), e.workers.join(', ')]),
        widths: [34, 12, 54],
        empty: t('recap-no-clients'),
      },
    ],
    place: t('inst-place', { date: longDate(dayIn(input.now, zone), lang) }),
    signatures: [
      { role: t('recap-supervisor'), name: input.supervisorName, idLine: t('inst-nip', { blank: BLANK }) },
      { role: t('inst-acknowledged', { org: input.orgName ?? BLANK }), name: BLANK, idLine: t('inst-nip', { blank: BLANK }) },
    ],
    footer: t('recap-footer', { period: words }),
    pageWord: t('report-page'),
    ofWord: t('report-page-of'),
  };
}

