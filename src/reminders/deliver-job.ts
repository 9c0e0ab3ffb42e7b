// The deliver job (send queue): one user's reminders due at one occurrence, gathered into one
// message. A guard key per case and period (src/store/send-once.ts) makes a reminder reach the user
// once even when BullMQ runs a job twice (it delivers at least once).
import { GrammyError } from 'grammy';
import { DateTime } from 'luxon';
import type { CaseRecord } from '../store/records.ts';
import { notSent, sendOnce } from '../store/send-once.ts';
import { reminderMessage, type DueCase } from './message.ts';
import { DAY_MS, type DeliverJob } from './queues.ts';
import { decide, latestWanted, monitoringOf, periodOf, prefsOf } from '../cases/schedule.ts';
import type { ReminderWorkerDeps } from './worker-deps.ts';

/** A claim that outlives a crashed sender expires, so BullMQ's retry can still deliver. */
const CLAIM_MS = 60_000;
const SENT_MS = 62 * DAY_MS;

/** Sends the user's reminders due at one occurrence, each case at most once per period. */
export async function deliver(d: ReminderWorkerDeps, job: DeliverJob, jobId = `direct-${job.userId}-${job.occurrence}`): Promise<'sent' | 'nothing-due' | 'blocked'> {
  const ws = await d.store.load(job.userId, { everyOrg: true });
  // (the cases read are those of the organisations they are in and not suspended in)
  if (ws.blocked) return 'blocked';
  const prefs = prefsOf(ws.session?.reminders, d.defaultZone);
  const now = d.now();
  // After downtime BullMQ replays only the oldest missed occurrence; for each case the one worth a
  // (late) reminder is the latest missed occurrence its cadence wants.
  const longLate = !job.snooze && !d.everyMs && now - job.occurrence > 7 * DAY_MS;
  const occurrenceFor = (c: CaseRecord): number =>
    longLate ? latestWanted(prefs, monitoringOf(c).cadence, DateTime.fromISO(c.createdAt), DateTime.fromMillis(now)) : job.occurrence;
  const candidates = Object.values(ws.cases).filter((c) => !job.only || job.only.includes(c.id));
  let late = false;
  const due: DueCase[] = [];
  for (const c of candidates) {
    const occurrence = occurrenceFor(c);
    const decision = decide(c, prefs, occurrence, now, { snooze: job.snooze ?? false, ...(d.everyMs ? { everyMs: d.everyMs } : {}) });
    if (!decision.send) {
      d.logger.debug({ userId: job.userId, caseId: c.id, reason: decision.reason }, 'reminder not sent');
      continue;
    }
    late ||= decision.late;
    due.push({ c, occurrence });
  }
  if (due.length === 0) return 'nothing-due';

  const guardKey = ({ c, occurrence }: DueCase) =>
    d.keys.reminded(job.userId, c.id, `${periodOf(monitoringOf(c).cadence, occurrence, prefs.zone, d.everyMs)}${job.snooze ? '-snooze' : ''}`);
  const once = await sendOnce<'sent' | 'blocked'>(d.redis, due.map(guardKey), { holder: jobId, claimMs: CLAIM_MS, sentMs: SENT_MS }, async ({ claimed }) => {
    const mine = claimed.map((i) => due[i]!);
    const occurrence = Math.max(...mine.map((m) => m.occurrence));
    const lang = ws.session?.lang ?? ws.membership?.lang ?? 'id';
    const t = (key: string, vars?: Record<string, string | number>) => d.i18n.t(lang, key, vars);
    const scheduled = DateTime.fromMillis(occurrence, { zone: prefs.zone }).setLocale(lang).toFormat('cccc d LLLL, HH.mm');
    const { text, keyboard } = reminderMessage(mine, { catalog: d.catalog, lang, t, nowMs: now, zone: prefs.zone, late, scheduled });
    try {
      await d.api.sendMessage(job.userId, text, { parse_mode: 'HTML', reply_markup: keyboard });
    } catch (err) {
      if (err instanceof GrammyError && err.error_code === 403) {
        // Blocked (or the account is gone): pause, do not retry forever. Writing to the bot again
        // resumes; the claims expire, so this period's reminder can still come then.
        await d.redis.set(d.keys.blocked(job.userId), String(now));
        d.logger.warn({ userId: job.userId }, 'user blocked the bot: reminders paused');
        return notSent('blocked');
      }
      throw err; // the claims are released: BullMQ's retry sends them
    }
    d.logger.info({ userId: job.userId, cases: mine.map((m) => m.c.id), occurrence, late, snooze: job.snooze ?? false }, 'reminder sent');
    return 'sent';
  });
  return once.status === 'ran' ? once.value : 'nothing-due';
}
