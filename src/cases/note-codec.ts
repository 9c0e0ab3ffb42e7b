// A note as stored: its answers, not copies of its flow. Every flow version a note was written in is
// kept, immutable (src/catalog/registry.ts), so an answer's question wording, its options' labels,
// its scale's "4/5" and the summary's flags come back from the note's own version when it is read;
// what the version cannot give back (free text, the values, who revised it and when, and any item
// that reads otherwise than its version would make it) is kept. Lossless by construction: an item is
// stored short only when its version makes exactly it again, else with what differs.
import type { Catalog } from '../catalog/catalog.ts';
import type { AnswerValue, CompiledStage, Flow, Question } from '../engine/types.ts';
import type { NoteItem, NoteRecord } from '../store/records.ts';
import { FlowVersionMissingError, type NoteCodec, type PackedNote, type PackedItem } from '../store/note-pack.ts';

export { FlowVersionMissingError };
import { noteItem } from './note-builder.ts';

/** The item fields a flow version gives back (all but id and value). */
const DERIVED = ['type', 'label', 'display', 'summary', 'alert', 'urgent', 'alertDetail', 'routine'] as const;
type Derived = (typeof DERIVED)[number];

/** Deep equality of what items hold: strings, numbers, booleans, LocalizedText and arrays of them. */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) if (!same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  return true;
}

/** A stage's questions by id, made once per stage (flow versions are immutable). */
const questionsOf = new WeakMap<CompiledStage, Map<string, Question>>();
function questionMap(stage: CompiledStage): Map<string, Question> {
  let m = questionsOf.get(stage);
  if (!m) questionsOf.set(stage, (m = new Map(stage.questions.map((q) => [q.id, q]))));
  return m;
}

function stageOf(flow: Flow | undefined, stageId: string): CompiledStage | undefined {
  return flow?.stages.find((s) => s.id === stageId);
}

/** The items as the version's questions make them from these values (undefined: no such question). */
function derive(stage: CompiledStage | undefined, items: readonly { id: string; value: AnswerValue | null }[]): (NoteItem | undefined)[] {
  if (!stage) return items.map(() => undefined);
  const byId = questionMap(stage);
  const alerts = new Set(items.filter((i) => byId.get(i.id)?.alert).map((i) => i.id));
  return items.map((i) => {
    const q = byId.get(i.id);
    return q ? noteItem(q, i.value, alerts) : undefined;
  });
}

function packItems(items: readonly NoteItem[], stage: CompiledStage | undefined): PackedItem[] {
  const made = derive(stage, items);
  return items.map((item, i): PackedItem => {
    const d = made[i];
    const differs: Partial<Record<Derived, unknown>> = {};
    // (without its question, every field is kept — absent ones as null — so the item reads the same
    // wherever it is opened, its version known there or not)
    for (const f of DERIVED) if (!d || !same(item[f], d[f])) differs[f] = item[f] ?? null;
    return Object.keys(differs).length ? [item.id, item.value, differs] : [item.id, item.value];
  });
}

function unpackItems(packed: readonly PackedItem[], stage: CompiledStage | undefined, where: string, version: { flowId: string; flowVersion: number }): NoteItem[] {
  const made = derive(stage, packed.map(([id, value]) => ({ id, value })));
  return packed.map(([id, value, differs], i) => {
    const d = made[i];
    // an item kept short leans on its version: without it, it cannot be read
    if (!d && (!differs || !('label' in differs) || !('type' in differs))) throw new FlowVersionMissingError(`${where}: the question "${id}" is not in the note's flow version here`, version.flowId, version.flowVersion);
    // (made from this very value: it is the item, unless something differs)
    if (d && !differs) return d;
    const item = { ...(d ?? {}), id, value } as NoteItem & Record<string, unknown>;
    for (const [f, v] of Object.entries(differs ?? {})) {
      if (v === null) delete item[f];
      else item[f] = v;
    }
    return item as NoteItem;
  });
}

/** Packs and unpacks notes against the flow versions a catalog holds. */
export function noteCodec(catalog: Catalog): NoteCodec {
  const versionOf = (n: { flowId: string; flowVersion: number }) => catalog.version(n.flowId, n.flowVersion);
  return {
    pack(n: NoteRecord): PackedNote {
      const flow = versionOf(n);
      const stage = stageOf(flow, n.stageId);
      const { items, previous, stageTitle, stageIndex, stageCount, ...rest } = n;
      return {
        ...rest,
        i: packItems(items, stage),
        ...(previous ? { p: previous.map(({ items: earlier, ...v }) => ({ ...v, i: packItems(earlier, stage) })) } : {}),
        // the stage's name and place: from the version when they are its own
        ...(stage && same(stage.title, stageTitle) ? {} : { stageTitle }),
        ...(stage && stage.index === stageIndex ? {} : { stageIndex }),
        ...(flow && flow.stages.length === stageCount ? {} : { stageCount }),
      };
    },
    unpack(p: PackedNote): NoteRecord {
      const where = `note ${p.id} (${p.flowId}@${p.flowVersion})`;
      const flow = versionOf(p);
      const stage = stageOf(flow, p.stageId);
      const { i, p: previous, stageTitle, stageIndex, stageCount, ...rest } = p;
      if ((!stageTitle || stageIndex === undefined || stageCount === undefined) && !stage) throw new FlowVersionMissingError(`${where}: the flow version or its stage is not loaded`, p.flowId, p.flowVersion);
      return {
        ...rest,
        stageTitle: stageTitle ?? stage!.title,
        stageIndex: stageIndex ?? stage!.index,
        stageCount: stageCount ?? flow!.stages.length,
        items: unpackItems(i, stage, where, p),
        ...(previous ? { previous: previous.map(({ i: earlier, ...v }) => ({ ...v, items: unpackItems(earlier, stage, where, p) })) } : {}),
      } as NoteRecord;
    },
  };
}
