// Which document templates a case has: its setting's institution report (what 📄 Word and 📕 PDF
// make) and the others that fit its place of service, model and the worker's role (a praktikan's
// activity log, ATENSI's intervention plan). Pure.
import type { CaseRecord } from '../store/records.ts';
import type { TemplateFile } from './template-schema.ts';

type CaseFit = Pick<CaseRecord, 'setting' | 'flowId' | 'facts'>;

function fits(t: TemplateFile, c: CaseFit): boolean {
  if (t.settings && !t.settings.includes(c.setting)) return false;
  if (t.flows && !t.flows.includes(c.flowId)) return false;
  if (t.roles && !(c.facts?.peran && (t.roles as readonly string[]).includes(c.facts.peran))) return false;
  return true;
}

/** The more a template names, the better it fits: a Bapas report before the general one. */
function specificity(t: TemplateFile): number {
  return (t.settings ? 4 : 0) + (t.flows ? 2 : 0) + (t.roles ? 1 : 0);
}

export class TemplateSet {
  private readonly byId: Map<string, TemplateFile>;

  constructor(templates: TemplateFile[]) {
    this.byId = new Map(templates.map((t) => [t.id, t]));
  }

  /** What a set of templates cannot be: two of one id, no general institution report. */
  static conflicts(templates: TemplateFile[]): string[] {
    const problems: string[] = [];
    const seen = new Set<string>();
    for (const t of templates) {
      if (seen.has(t.id)) problems.push(`flows/reports — two templates "${t.id}"`);
      seen.add(t.id);
    }
    if (!templates.some((t) => t.main && !t.settings && !t.flows && !t.roles)) problems.push('flows/reports — no general institution report (main: true, for any setting)');
    return problems;
  }

  all(): TemplateFile[] {
    return [...this.byId.values()];
  }

  get(id: string): TemplateFile | undefined {
    return this.byId.get(id);
  }

  /** The case's institution report: the most specific main template that fits. */
  mainFor(c: CaseFit): TemplateFile {
    const main = this.all().filter((t) => t.main && fits(t, c)).sort((a, b) => specificity(b) - specificity(a));
    return main[0]!;
  }

  /** The case's other documents, in file order. */
  othersFor(c: CaseFit): TemplateFile[] {
    return this.all().filter((t) => !t.main && fits(t, c));
  }

  /** Whether the case may be made into this template (a forged or stale button names another). */
  fitsCase(id: string, c: CaseFit): boolean {
    const t = this.get(id);
    return !!t && fits(t, c);
  }
}
