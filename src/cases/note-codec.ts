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
import { isRiskDetail } from './risk.ts';

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

/** Answers of these types come from a few values (options, a scale's points, yes or no): the item a
 *  question makes of each is kept once made, so reading a note rebuilds little (flow versions are
 *  immutable, so what a question makes of a value never changes). Prose, dates and numbers are made
 *  each time: their values seldom repeat. */
const FEW_VALUES = new Set(['choice', 'multi', 'scale', 'yesno']);
/** at most this many values' items kept per question (a multi's combinations are many) */
const MADE_PER_QUESTION = 64;
const madeOf = new WeakMap<Question, Map<string, NoteItem>>();

/** The item a question makes of a value (noteItem), a copy of the one kept when its type has few values. */
function made(q: Question, value: AnswerValue | null, alerts: ReadonlySet<string>): NoteItem {
  if (!FEW_VALUES.has(q.type)) return noteItem(q, value, alerts);
  let kept = madeOf.get(q);
  if (!kept) madeOf.set(q, (kept = new Map()));
  // the item depends on the value and on whether the note raised a flag this question explains
  const key = (isRiskDetail(q, alerts) ? '1' : '0') + (typeof value === 'string' ? `s${value}` : `j${JSON.stringify(value)}`);
  let item = kept.get(key);
  if (!item) {
    item = noteItem(q, value, alerts);
    if (kept.size < MADE_PER_QUESTION) kept.set(key, item);
  }
  // a copy of its own — its value the note's, its display's labels new objects (as noteItem makes
  // them): a reader may change an item of the note it holds, never the one kept (the label, as
  // always, is the flow's own wording)
  return item.display ? { ...item, value, display: item.display.map((d) => ({ ...d })) } : { ...item, value };
}

/** The items as the version's questions make them from these values (undefined: no such question). */
function derive(stage: CompiledStage | undefined, items: readonly { id: string; value: AnswerValue | null }[]): (NoteItem | undefined)[] {
  if (!stage) return items.map(() => undefined);
  const byId = questionMap(stage);
  const alerts = new Set(items.filter((i) => byId.get(i.id)?.alert).map((i) => i.id));
  return items.map((i) => {
    const q = byId.get(i.id);
    return q ? made(q, i.value, alerts) : undefined;
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

/** (one loop, no list in between: every note read runs it for each of its answers) */
function unpackItems(packed: readonly PackedItem[], stage: CompiledStage | undefined, where: () => string, version: { flowId: string; flowVersion: number }): NoteItem[] {
  const byId = stage ? questionMap(stage) : undefined;
  const alerts = new Set<string>();
  if (byId) for (const [id] of packed) if (byId.get(id)?.alert) alerts.add(id);
  const items: NoteItem[] = new Array<NoteItem>(packed.length);
  for (let at = 0; at < packed.length; at++) {
    const [id, value, differs] = packed[at]!;
    const q = byId?.get(id);
    // an item kept short leans on its version: without it, it cannot be read
    if (!q && (!differs || !('label' in differs) || !('type' in differs))) throw new FlowVersionMissingError(`${where()}: the question "${id}" is not in the note's flow version here`, version.flowId, version.flowVersion);
    // (made from this very value: it is the item, unless something differs)
    const d = q ? made(q, value, alerts) : undefined;
    if (d && !differs) {
      items[at] = d;
      continue;
    }
    const item = { ...(d ?? {}), id, value } as NoteItem & Record<string, unknown>;
    for (const [f, v] of Object.entries(differs ?? {})) {
      if (v === null) delete item[f];
      else item[f] = v;
    }
    items[at] = item as NoteItem;
  }
  return items;
}

/** What a packed note keeps that a whole one keeps under the same name (all but these). */
const PACKED_ONLY = new Set(['i', 'p', 'stageTitle', 'stageIndex', 'stageCount']);

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
      const where = () => `note ${p.id} (${p.flowId}@${p.flowVersion})`;
      const flow = versionOf(p);
      const stage = stageOf(flow, p.stageId);
      const { i, p: previous, stageTitle, stageIndex, stageCount } = p;
      if ((!stageTitle || stageIndex === undefined || stageCount === undefined) && !stage) throw new FlowVersionMissingError(`${where()}: the flow version or its stage is not loaded`, p.flowId, p.flowVersion);
      // the note's own fields copied one by one (faster than a rest pattern, on every note read)
      const n: Record<string, unknown> = {};
      for (const k in p) if (!PACKED_ONLY.has(k)) n[k] = (p as unknown as Record<string, unknown>)[k];
      n['stageTitle'] = stageTitle ?? stage!.title;
      n['stageIndex'] = stageIndex ?? stage!.index;
      n['stageCount'] = stageCount ?? flow!.stages.length;
      n['items'] = unpackItems(i, stage, where, p);
      if (previous) n['previous'] = previous.map(({ i: earlier, ...v }) => ({ ...v, items: unpackItems(earlier, stage, where, p) }));
      return n as unknown as NoteRecord;
    },
  };
}
