// The buttons a supervisor meets on a worker's note and on a risk alert, wherever they are shown:
// the summary and the alert in the chat (src/outbox/render.ts), the note opened in full
// (src/bot/features/review.ts) and a case on /tim (src/bot/render/team.ts).
import { InlineKeyboard } from 'grammy';
import { encode } from './callback-data.ts';
import type { Translate } from './format.ts';

/** A note to review; `version` names the version shown (approving an older one is refused);
 *  `orgId` its organisation: pressed by a member of several, it acts there (src/store/lua/read.lua). */
export interface NoteRef {
  workerId: number;
  caseId: string;
  noteId: string;
  version: number;
  orgId?: string;
}

/** An alert to follow up (`orgId`: as for a note). */
export interface AlertRef {
  workerId: number;
  caseId: string;
  riskId: string;
  orgId?: string;
}

/** ✅ Setujui and 💬 Beri tanggapan, in one row, on `kb` (a new keyboard when none is given). */
export function approveRow(t: Translate, ref: NoteRef, kb = new InlineKeyboard()): InlineKeyboard {
  return kb
    .text(t('btn-review-approve'), encode({ kind: 'review', op: 'approve', ...ref }))
    .text(t('btn-review-feedback'), encode({ kind: 'review', op: 'feedback', ...ref }));
}

/** 🙋 Saya tangani (unless someone took it) and ✅ Sudah ditindaklanjuti, in one row. */
export function followUpRow(t: Translate, ref: AlertRef, taken = false, kb = new InlineKeyboard()): InlineKeyboard {
  if (!taken) kb.text(t('btn-risk-take'), encode({ kind: 'risk', op: 'take', ...ref }));
  return kb.text(t('btn-risk-done'), encode({ kind: 'risk', op: 'done', ...ref }));
}
