// Plain data the engine works on. No I/O, no clock: "today" comes in through Env.
import type { Condition, LocalizedText, Migration, Question } from './flow-schema.ts';

export type { LocalizedText, Migration, Question, QuestionType } from './flow-schema.ts';

export interface CompiledStage {
  id: string;
  /** 0-based position in the flow */
  index: number;
  title: LocalizedText;
  guide: LocalizedText;
  /** weeks a case usually stays in this stage (absent: DEFAULT_STAGE_WEEKS) */
  weeks?: number;
  /** written alongside the other stages, never moved to (FlowFile's `alongside`) */
  alongside?: boolean;
  /** shared "before" questions, the stage's own (gated), shared "after" questions */
  questions: Question[];
}

export type Cadence = 'weekly' | 'biweekly' | 'monthly';

/** A stage that names no usual time: a case longer in it than this is marked in /tim. */
export const DEFAULT_STAGE_WEEKS = 8;

export interface Flow {
  id: string;
  version: number;
  title: LocalizedText;
  short: LocalizedText;
  description?: LocalizedText | undefined;
  source: string;
  monitoring: Cadence;
  /** its cases are groups, not one client (FlowFile's `group`) */
  group?: boolean;
  /** answers the shared questions take by default in every note (FlowFile's `preset`) */
  preset?: Record<string, string | string[]>;
  /** the session took place: the shared header's gate (absent: every note is of a held session) */
  gate?: Condition;
  stages: CompiledStage[];
  /** how a draft of an earlier version continues on this one (absent: none declared) */
  migrations?: Migration[];
}

/** A form is what the engine walks: an ordered list of questions (a flow stage, or the case intake). */
export interface Form {
  questions: Question[];
  /** false: answering the last question completes the form at once, with no review to confirm
   *  (a one-question aside, such as a case-ending note) */
  review?: false;
}

export type FileKind = 'photo' | 'voice' | 'audio' | 'video' | 'document';
export interface FileRef {
  fileId: string;
  kind: FileKind;
  caption?: string;
  /** seconds, for recordings */
  duration?: number;
}
/** date answers are ISO dates "YYYY-MM-DD"; multi answers are option values */
export type AnswerValue = string | number | boolean | string[] | FileRef;
/** null: the question was skipped */
export type Answers = Record<string, AnswerValue | null>;

export interface Env {
  /** the user's local date, ISO "YYYY-MM-DD" */
  today: string;
}
