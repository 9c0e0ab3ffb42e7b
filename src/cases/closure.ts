// Ending a case, as data: the record it becomes (by its worker from the case card, or by an admin
// for a former member's case). Reopening keeps the closure until the case is ended again.
import type { CaseRecord, EndReason } from '../store/records.ts';

export function closedCase(c: CaseRecord, closure: { reason: EndReason; at: string; by: number; note?: string | undefined }): CaseRecord {
  const { note, ...rest } = closure;
  return { ...c, status: 'closed', updatedAt: closure.at, closure: { ...rest, ...(note ? { note } : {}) } };
}

/** "PB dicabut" (parole revoked) ends only a Bapas client's case. */
export function endReasonFits(c: Pick<CaseRecord, 'setting'>, reason: EndReason): boolean {
  return reason !== 'pb_dicabut' || c.setting === 'bapas';
}
