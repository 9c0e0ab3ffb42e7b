// The intervention models the bot knows: every version of every flow, in memory (the version
// registry). Built-in flows come from flows/*.yaml (their current version) and flows/versions/
// (frozen earlier ones); organisation flows and every version ever published come from Redis
// (src/catalog/flow-store.ts), refreshed in the background. A draft and a note name their flow *and
// version*, so they keep their own questions whatever the files say today.
import type { ChainableCommander } from 'ioredis';
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

/** One flow an organisation published: its versions live in the registry under `id`. */
export interface OrgFlowEntry {
  /** the id in the uploaded file ("konseling-adiksi") */
  fileId: string;
  /** the id cases and notes use: the organisation's own, so two organisations never collide */
  id: string;
  /** the current (latest published) version */
  version: number;
  /** not offered for new cases any more; its cases keep working on their version */
  retired: boolean;
  publishedAt: string;
  by: number;
}

export interface OrgFlowSettings {
  /** by fileId */
  flows: Record<string, OrgFlowEntry>;
  /** built-in flow ids this organisation does not offer for new cases */
  hidden: string[];
}

/** The id an organisation's flow is known by: "o-<orgId>-<fileId>". */
export function orgFlowId(orgId: string, fileId: string): string {
  return `o-${orgId}-${fileId}`;
}

const rank = (f: Flow) => {
  const i = PREFERRED_ORDER.indexOf(f.id);
  return i === -1 ? PREFERRED_ORDER.length : i;
};
const byPreference = (a: Flow, b: Flow) => rank(a) - rank(b) || a.title.id.localeCompare(b.title.id);

/** The registry in Redis (src/catalog/flow-store.ts attaches itself): loads versions this instance
 *  does not know yet, and queues the writes of a publish onto an update's write. */
export interface FlowRegistry {
  ensure(id: string, version: number | undefined): Promise<boolean>;
  writeVersion(p: ChainableCommander, flow: Flow): void;
  writeOrgFlow(p: ChainableCommander, orgId: string, entry: OrgFlowEntry): void;
  writeHidden(p: ChainableCommander, orgId: string, flowId: string, hidden: boolean): void;
}

export class Catalog {
  /** the built-in flows at their current version, in the order they are offered */
  readonly flows: Flow[];
  private readonly latest = new Map<string, Flow>();
  private readonly versions = new Map<string, Flow>();
  private readonly builtin = new Set<string>();
  private orgs = new Map<string, OrgFlowSettings>();
  /** absent in tests that only read files: publishing is then not offered */
  registry: FlowRegistry | undefined;

  constructor(flows: Flow[], earlier: Flow[] = []) {
    for (const f of [...earlier, ...flows]) this.add(f);
    for (const f of flows) {
      this.builtin.add(f.id);
      this.latest.set(f.id, f);
    }
    this.flows = [...flows].sort(byPreference);
  }

  /** The current version of a flow (built-in, or an organisation's latest published). */
  get(id: string): Flow | undefined {
    return this.latest.get(id);
  }

  /** One version of a flow; undefined when the registry does not know it. */
  version(id: string, version: number): Flow | undefined {
    return this.versions.get(`${id}@${version}`);
  }

  /** The version named, or (none named: a draft from before versions were recorded) the current one. */
  at(id: string, version: number | undefined): Flow | undefined {
    return version === undefined ? this.get(id) : this.version(id, version);
  }

  stage(flowId: string, stageId: string, version?: number): CompiledStage | undefined {
    return this.at(flowId, version)?.stages.find((s) => s.id === stageId);
  }

  /** The registry in Redis behind this catalog (absent in tests that only read files). */
  attach(registry: FlowRegistry): void {
    this.registry = registry;
  }

  /** Whether the version is known, loading it first when it is not (an extra read, only then). */
  async ensure(id: string, version: number | undefined): Promise<boolean> {
    if (this.at(id, version)) return true;
    return this.registry ? this.registry.ensure(id, version) : false;
  }

  has(id: string, version: number): boolean {
    return this.versions.has(`${id}@${version}`);
  }

  isBuiltin(id: string): boolean {
    return this.builtin.has(id);
  }

  /** Adds a version (from Redis, or just published). An organisation flow's latest follows its settings. */
  add(flow: Flow): void {
    this.versions.set(`${flow.id}@${flow.version}`, flow);
    if (!this.builtin.has(flow.id)) {
      const cur = this.latest.get(flow.id);
      if (!cur || cur.version < flow.version) this.latest.set(flow.id, flow);
    }
  }

  /** Every version known, e.g. to check a file against. */
  allVersions(): Flow[] {
    return [...this.versions.values()];
  }

  /** Replaces what organisations publish and hide (after a refresh from Redis). */
  setOrgs(orgs: Map<string, OrgFlowSettings>): void {
    this.orgs = orgs;
    for (const s of orgs.values()) {
      for (const e of Object.values(s.flows)) {
        const f = this.version(e.id, e.version);
        if (f) this.latest.set(e.id, f);
      }
    }
  }

  setOrg(orgId: string, settings: OrgFlowSettings): void {
    const next = new Map(this.orgs);
    next.set(orgId, settings);
    this.setOrgs(next);
  }

  orgSettings(orgId: string): OrgFlowSettings {
    return this.orgs.get(orgId) ?? { flows: {}, hidden: [] };
  }

  /** The models a new case of this organisation may use: built-ins it does not hide, then its own. */
  offered(orgId: string | undefined): Flow[] {
    if (!orgId) return this.flows;
    const s = this.orgSettings(orgId);
    const hidden = new Set(s.hidden);
    const own = Object.values(s.flows)
      .filter((e) => !e.retired)
      .map((e) => this.version(e.id, e.version))
      .filter((f): f is Flow => f !== undefined)
      .sort((a, b) => a.title.id.localeCompare(b.title.id));
    const builtins = this.flows.filter((f) => !hidden.has(f.id));
    // never none: an organisation that hid everything and has nothing of its own still gets the built-ins
    return builtins.length + own.length > 0 ? [...builtins, ...own] : this.flows;
  }
}
