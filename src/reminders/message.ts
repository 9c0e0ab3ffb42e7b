// The reminder a worker receives: one message, one case or several, with a row of buttons per case.
// Its text names each case by its code only ("#Y59K2Y"), never the initials and age: the text is what
// a phone's lock screen shows of it. The buttons, seen only in the opened chat, name the client too.
import { InlineKeyboard } from 'grammy';
import type { Catalog } from '../catalog/catalog.ts';
import { caseCode, clientWithCode, pick, type Lang } from '../cases/labels.ts';
import type { CaseRecord } from '../store/records.ts';
import { encode } from '../telegram/callback-data.ts';
import { escapeHtml, type Translate } from '../telegram/format.ts';
import { contactFlagWords, contactFlags, daysSinceHeldContact } from '../cases/contact.ts';

export interface DueCase {
  c: CaseRecord;
  occurrence: number;
}

function line(d: DueCase, catalog: Catalog, lang: Lang, t: Translate, nowMs: number, zone: string): string {
  const stage = catalog.stage(d.c.flowId, d.c.stageId);
  const title = stage ? pick(stage.title, lang) : d.c.stageId;
  const days = daysSinceHeldContact(d.c, nowMs, zone);
  const flags = contactFlags(d.c, nowMs, zone);
  const text = t('reminder-line', {
    code: caseCode(d.c.id),
    // "tahap Implementasi strategi", but not "tahap Tahap Penelitian"
    stage: /^(tahap|stage)\b/i.test(title) ? title : t('reminder-stage', { stage: title }),
    last: days === undefined ? t('reminder-no-note') : t('reminder-last-note', { days }),
  });
  return [text, ...contactFlagWords(flags, t, lang)].join(' · ');
}

export function reminderMessage(
  due: DueCase[],
  opts: { catalog: Catalog; lang: Lang; t: Translate; nowMs: number; zone: string; late: boolean; scheduled: string },
): { text: string; keyboard: InlineKeyboard } {
  const { t } = opts;
  const lines = due.map((d) => escapeHtml(line(d, opts.catalog, opts.lang, t, opts.nowMs, opts.zone)));
  const head = due.length === 1 ? `⏰ ${t('reminder-title')}: ${lines[0]}` : `⏰ <b>${t('reminder-title-many', { count: due.length })}</b>\n${lines.map((l) => `• ${l}`).join('\n')}`;
  const text = opts.late ? `${head}\n<i>${escapeHtml(t('reminder-late', { scheduled: opts.scheduled }))}</i>` : head;
  const kb = new InlineKeyboard();
  due.forEach((d, i) => {
    if (i > 0) kb.row();
    const note = encode({ kind: 'note-case', caseId: d.c.id });
    const snooze = encode({ kind: 'reminder-snooze', caseId: d.c.id, occurrence: d.occurrence });
    const skip = encode({ kind: 'reminder-skip', caseId: d.c.id, occurrence: d.occurrence });
    if (due.length === 1) {
      // one case: the labels alone (the text names it)
      kb.text(t('btn-reminder-note'), note).text(t('btn-reminder-snooze'), snooze).row().text(t('btn-reminder-skip'), skip);
      return;
    }
    // several: each button names its case by the code its line shows, the first with the client too
    // ("📝 Si (42) #Y59K2Y", at most 21 characters), so every label fits 24
    const code = caseCode(d.c.id);
    kb.text(t('btn-reminder-note-case', { client: clientWithCode(d.c) }), note).row();
    kb.text(t('btn-reminder-snooze-case', { code }), snooze).text(t('btn-reminder-skip-case', { code }), skip);
  });
  return { text, keyboard: kb };
}
