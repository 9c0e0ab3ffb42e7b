// A risk alert and its follow-up, kept with the worker (src/store/keys.ts: risks): the alert when it
// was raised, who took it ("🙋 Saya tangani") and how it was followed up ("✅ Sudah ditindaklanjuti").
// Three fields of one hash, each written on its own (a press or a typed note writes its field without
// reading the others first), each sealed: the flags are health and safety data.
import type { LocalizedText } from '../engine/types.ts';

export interface RiskAlert {
  id: string;
  orgId: string;
  workerId: number;
  caseId: string;
  /** the client's label ("Si (42)"): the follow-up screens show it without opening the case */
  client: string;
  workerName: string;
  /** the flags ticked, in the flow's words at the time */
  flags: LocalizedText[];
  raisedAt: string;
  /** who the alert went to: the worker's supervisors, or the organisation's admins */
  to: { id: number; as: 'supervisor' | 'admin' }[];
}

export interface RiskStep {
  by: number;
  byName: string;
  at: string;
  /** what was done (the follow-up's short note) */
  note?: string;
}

export interface RiskRecord {
  alert: RiskAlert;
  taken?: RiskStep;
  done?: RiskStep;
}

export const riskFields = (id: string) => [id, `${id}:taken`, `${id}:done`] as const;

/** A worker's case's risk hash, opened (field → value), as records: the alert with its steps. */
export function risksOf(opened: Record<string, unknown>): RiskRecord[] {
  return Object.keys(opened)
    .filter((f) => !f.includes(':'))
    .map((id) => {
      const [, taken, done] = riskFields(id);
      return {
        alert: opened[id] as RiskAlert,
        ...(opened[taken] ? { taken: opened[taken] as RiskStep } : {}),
        ...(opened[done] ? { done: opened[done] as RiskStep } : {}),
      };
    });
}
