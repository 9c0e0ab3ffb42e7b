// The workspace store's options as every process builds them (src/app/runtime.ts; the benches, so
// that what they measure is what production stores): the cases and organisation a session names
// kept beside it, the flows' usual weeks for the caseload index, notes packed against their flow
// versions — a version published elsewhere loaded when a note needs it.
import type { Catalog } from '../catalog/catalog.ts';
import type { FlowStore } from '../catalog/flow-store.ts';
import { noteCodec } from '../cases/note-codec.ts';
import { sessionCases, sessionOrg, type SessionData } from '../store/session.ts';
import type { WorkspaceOptions } from '../store/workspace-store.ts';

export function workspaceOptions(catalog: Catalog, flows?: Pick<FlowStore, 'ensure'>): WorkspaceOptions<SessionData> {
  return {
    casesOf: sessionCases,
    orgOf: sessionOrg,
    stageWeeks: (flowId, stageId) => catalog.stage(flowId, stageId)?.weeks,
    notes: noteCodec(catalog),
    ...(flows ? { ensureFlow: (id: string, v: number) => flows.ensure(id, v) } : {}),
  };
}
