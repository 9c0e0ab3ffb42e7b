// The loaded intervention models, looked up by id (and by id + version for notes written earlier).
import type { CompiledStage, Flow } from '../engine/types.ts';

/** Order in which models are offered when a case is opened (the rest follow by title). */
const PREFERRED_ORDER = [
  'zastrow-mezzo',
  'bapas-eic',
  'skidmore-casework',
  'groupwork-tc',
  'ipwl-reintegration',
  'permensos-napza',
];

export class Catalog {
  private readonly byId = new Map<string, Flow>();

  constructor(readonly flows: Flow[]) {
    for (const f of flows) this.byId.set(f.id, f);
    const rank = (f: Flow) => {
      const i = PREFERRED_ORDER.indexOf(f.id);
      return i === -1 ? PREFERRED_ORDER.length : i;
    };
    this.flows = [...flows].sort((a, b) => rank(a) - rank(b) || a.title.id.localeCompare(b.title.id));
  }

  get(id: string): Flow | undefined {
    return this.byId.get(id);
  }

  stage(flowId: string, stageId: string): CompiledStage | undefined {
    return this.byId.get(flowId)?.stages.find((s) => s.id === stageId);
  }
}
