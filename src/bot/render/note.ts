// A saved note as a message: the case, the stage, every answer under its question.
import { formatDate } from '../../engine/dates.ts';
import { clientLabel, pick, type Lang } from '../../cases/labels.ts';
import type { CaseRecord, NoteItem, NoteRecord } from '../../store/records.ts';
import { cut, escapeHtml, formatAnswer, splitMessage, type Translate } from '../../telegram/format.ts';
import { changedItems } from '../../cases/note-builder.ts';

export function noteTitle(n: NoteRecord, lang: Lang, t: Translate, day: string): string {
  return t('note-title', { date: formatDate(n.sessionDate ?? day, lang), index: n.stageIndex + 1, count: n.stageCount, stage: pick(n.stageTitle, lang) });
}

/** `dayOf` turns a stored instant into the reader's local ISO day (for the versions' dates). */
export function renderNote(n: NoteRecord, c: CaseRecord, lang: Lang, t: Translate, writtenDay: string, dayOf?: (iso: string) => string): string[] {
  const items = n.items.map(
    (item, i) => `<b>${i + 1}. ${escapeHtml(pick(item.label, lang))}</b>\n${escapeHtml(formatAnswer({ type: item.type }, item.value, lang, t, item.display))}`,
  );
  const versions = dayOf ? renderVersions(n, lang, t, dayOf) : [];
  const html = [
    `📄 <b>${escapeHtml(clientLabel(c))}</b> · ${escapeHtml(noteTitle(n, lang, t, writtenDay))}`,
    `<i>${escapeHtml(t('note-written', { date: formatDate(writtenDay, lang) }))}</i>`,
    '',
    items.join('\n\n'),
    ...(versions.length ? ['', ...versions] : []),
  ].join('\n');
  return splitMessage(html);
}

const CHANGE_MAX = 120;

/** Each revision's changed answers, old → new, with who saved it and when. */
export function renderVersions(n: NoteRecord, lang: Lang, t: Translate, dayOf: (iso: string) => string): string[] {
  const earlier = n.previous ?? [];
  if (earlier.length === 0) return [];
  const lines = [t('history-versions')];
  earlier.forEach((before, i) => {
    const after = earlier[i + 1];
    const items = after?.items ?? n.items;
    const by = after ? after.byName : n.savedBy?.name;
    const at = after?.savedAt ?? n.updatedAt ?? n.createdAt;
    lines.push(escapeHtml(t('history-version', { version: before.version + 1, date: formatDate(dayOf(at), lang), name: by ?? '—' })));
    const changes = changedItems(before.items, items);
    if (changes.length === 0) lines.push(escapeHtml(t('history-no-change')));
    for (const ch of changes) {
      const show = (item: NoteItem | undefined) => (item ? cut(formatAnswer({ type: item.type }, item.value, lang, t, item.display), CHANGE_MAX) : t('history-answer-none'));
      lines.push(escapeHtml(t('history-change', { question: cut(pick(ch.label, lang), 60), old: show(ch.old), new: show(ch.now) })));
    }
  });
  return lines;
}
