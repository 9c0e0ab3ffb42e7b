// A saved note as a message: the case, the stage, every answer under its question.
import { formatDate } from '../../engine/dates.ts';
import { clientLabel, pick, type Lang } from '../../cases/labels.ts';
import type { CaseRecord, NoteRecord } from '../../store/records.ts';
import { escapeHtml, formatAnswer, splitMessage, type Translate } from './format.ts';

export function noteTitle(n: NoteRecord, lang: Lang, t: Translate, day: string): string {
  return t('note-title', { date: formatDate(n.sessionDate ?? day, lang), index: n.stageIndex + 1, count: n.stageCount, stage: pick(n.stageTitle, lang) });
}

export function renderNote(n: NoteRecord, c: CaseRecord, lang: Lang, t: Translate, writtenDay: string): string[] {
  const items = n.items.map(
    (item, i) => `<b>${i + 1}. ${escapeHtml(pick(item.label, lang))}</b>\n${escapeHtml(formatAnswer({ type: item.type }, item.value, lang, t, item.display))}`,
  );
  const html = [
    `📄 <b>${escapeHtml(clientLabel(c))}</b> · ${escapeHtml(noteTitle(n, lang, t, writtenDay))}`,
    `<i>${escapeHtml(t('note-written', { date: formatDate(writtenDay, lang) }))}</i>`,
    '',
    items.join('\n\n'),
  ].join('\n');
  return splitMessage(html);
}
