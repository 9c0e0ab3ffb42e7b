// An outbox message as the Telegram message its recipient gets, in the recipient's language.
import { InlineKeyboard } from 'grammy';
import { DateTime } from 'luxon';
import type { Catalog } from '../catalog/catalog.ts';
import { clientLabel, pick, type Lang } from '../cases/labels.ts';
import { formatDate } from '../engine/dates.ts';
import { encode } from '../telegram/callback-data.ts';
import { approveRow, followUpRow } from '../telegram/review-buttons.ts';
import { escapeHtml, type Translate } from '../telegram/format.ts';
import { renderAlert, renderSummary } from '../telegram/summary.ts';
import type { OutboxMessage } from '../store/outbox-messages.ts';

export interface Rendered {
  text: string;
  keyboard?: InlineKeyboard;
}

function reviewButtons(m: Extract<OutboxMessage, { kind: 'summary' }>, t: Translate): InlineKeyboard {
  // the buttons name the version they summarise: approving an older one is refused
  const ref = { workerId: m.worker.id, caseId: m.case.id, noteId: m.note.id, version: m.note.version ?? 1, ...(m.orgId ? { orgId: m.orgId } : {}) };
  return approveRow(t, ref).row().text(t('btn-review-view'), encode({ kind: 'review', op: 'view', ...ref }));
}

/** Dates travel as ISO days; a message queued by an older version may carry one already written out. */
function day(date: string, lang: Lang): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(date) ? formatDate(date, lang) : date;
}

export function renderOutbox(m: OutboxMessage, lang: Lang, t: Translate, catalog: Catalog): Rendered {
  switch (m.kind) {
    case 'summary':
      return { text: renderSummary(m.note, m.case, { workerName: m.worker.name, catalog, lang, t, revised: m.revised }), keyboard: reviewButtons(m, t) };
    case 'alert':
      // no ✅ Setujui under a risk: a risk is taken and followed up, not approved
      return { text: renderAlert(m.note, m.case, { workerName: m.worker.name, catalog, lang, t, detail: m.sent?.part === 'detail' }), ...(m.risk ? { keyboard: followUpRow(t, { ...m.risk, ...(m.orgId ? { orgId: m.orgId } : {}) }) } : {}) };
    case 'risk-overdue': {
      const a = m.alert;
      const text = [
        `🚨 <b>${escapeHtml(t('risk-overdue-title', { hours: m.hours }))}</b>`,
        escapeHtml(t('risk-overdue-body', { worker: a.workerName, client: a.client })),
        `⚠️ <b>${escapeHtml(a.flags.map((f) => pick(f, lang)).join(', '))}</b>`,
      ].join('\n');
      return { text, keyboard: followUpRow(t, { workerId: a.workerId, caseId: a.caseId, riskId: a.id, orgId: a.orgId }) };
    }
    case 'risk-update': {
      const key = m.step === 'taken' ? 'risk-update-taken' : m.step === 'done' ? 'risk-update-done' : 'risk-update-withdrawn';
      return { text: escapeHtml(t(key, { by: m.by.name, client: m.client, note: m.note ?? '' })) };
    }
    case 'alert-escalate':
    case 'delete-request-escalate':
      throw new Error('an escalation is delivered by src/outbox/escalate.ts, not rendered');
    case 'commands':
      throw new Error('a command menu is published by src/outbox/menu.ts, not rendered');
    case 'delete-request': {
      const ref = { orgId: m.orgId ?? '', workerId: m.worker.id, caseId: m.caseId };
      const kb = new InlineKeyboard()
        .text(t('btn-delete-approve'), encode({ kind: 'del-req', op: 'approve', ...ref }))
        .text(t('btn-delete-refuse'), encode({ kind: 'del-req', op: 'refuse', ...ref }));
      return { text: t('delete-request', { worker: escapeHtml(m.worker.name), client: escapeHtml(m.client), notes: m.notes }), keyboard: kb };
    }
    case 'delete-decided':
      return { text: escapeHtml(t(m.approved ? 'delete-approved-worker' : 'delete-refused-worker', { by: m.by.name, client: m.client })) };
    case 'approved': {
      const at = m.orgId ? { orgId: m.orgId } : {};
      const kb = new InlineKeyboard().text(t('btn-review-open'), encode({ kind: 'history-note', caseId: m.caseId, noteId: m.noteId, ...at }));
      return { text: escapeHtml(t('review-approved-worker', { supervisor: m.supervisor.name, client: m.client, date: day(m.date, lang) })), keyboard: kb };
    }
    case 'feedback': {
      // a button of the worker's own case names its organisation: pressed while they work in another, it acts there
      const at = m.orgId ? { orgId: m.orgId } : {};
      const kb = new InlineKeyboard()
        .text(t('btn-review-open'), encode({ kind: 'history-note', caseId: m.caseId, noteId: m.noteId, ...at }))
        .text(t('btn-note-edit'), encode({ kind: 'note-edit', caseId: m.caseId, noteId: m.noteId, ...at }));
      const text = t('review-feedback-worker', { supervisor: m.supervisor.name, client: m.client, date: day(m.date, lang), text: m.text });
      return { text: escapeHtml(text), keyboard: kb };
    }
    case 'case-ended': {
      const c = m.case;
      const flow = catalog.get(c.flowId);
      const stage = flow?.stages.find((s) => s.id === c.stageId);
      const reason = c.closure ? t(`end-reason-${c.closure.reason}`) : '—';
      const lines = [
        `🏁 <b>${escapeHtml(t('case-ended-supervisor', { worker: m.worker.name, client: clientLabel(c) }))}</b>`,
        escapeHtml(t('case-ended-reason', { reason })),
        escapeHtml(t('case-ended-stage', { stage: stage ? pick(stage.title, lang) : c.stageId, model: flow ? pick(flow.short, lang) : c.flowId })),
      ];
      if (c.closure?.note) lines.push(escapeHtml(t('case-ended-note', { note: c.closure.note })));
      return { text: lines.join('\n') };
    }
    case 'case-moved': {
      const key = m.to === m.from.id ? 'case-moved-from' : m.to === m.target.id ? 'case-moved-to' : 'case-moved-supervisor';
      return { text: escapeHtml(t(key, { by: m.by.name, client: m.client, from: m.from.name, target: m.target.name })) };
    }
    case 'supervisor-assigned': {
      const self = m.by.id === m.supervisor.id;
      const key = m.to === m.worker.id ? (self ? 'supervisor-assigned-self' : 'supervisor-assigned-worker') : 'supervisor-assigned-colleague';
      return { text: escapeHtml(t(key, { by: m.by.name, supervisor: m.supervisor.name, worker: m.worker.name })) };
    }
    case 'retention-warning': {
      const fmt = (ms: number) => DateTime.fromMillis(ms).setLocale(lang).toFormat('d LLLL yyyy');
      return { text: t('retention-warning', { client: escapeHtml(m.client), closed: fmt(m.closedAt), date: fmt(m.deleteAt) }) };
    }
    case 'retention-admin':
      return { text: t('retention-warning-admin', { count: m.count, workers: escapeHtml(m.workers) }) };
  }
}
