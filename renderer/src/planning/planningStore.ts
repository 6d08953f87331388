// The scenario being edited: proposals (with the selection), the analyses' settings, and what the
// renderer needs beside the JSON (blob URLs and bounds of glTF models read from local files).
// DOM-free.
import type { AnalysisSpec, Proposal, Scenario, ScenarioArea } from '../../../common/scenario/scenarioFormat.js';
import type { ModelBounds } from '../../../workers/planning/proposalGeometry.js';
import { Emitter, type Remover } from '../lifetime.js';

export class PlanningStore {
  name = 'Untitled scenario';
  description: string | undefined;
  proposals: Proposal[] = [];
  analyses: AnalysisSpec[] = [];
  area: ScenarioArea | null = null;
  selectedId: string | null = null;
  /** glTF proposals: where to load the model from in this session, and its bounds. */
  readonly modelUrls = new Map<string, string>();
  readonly modelBounds = new Map<string, ModelBounds>();
  private readonly changes = new Emitter();
  private counter = 0;

  onChange(listener: () => void): Remover {
    return this.changes.on(listener);
  }

  get listenerCount(): number {
    return this.changes.size;
  }

  changed(): void {
    this.changes.emit();
  }

  newId(prefix: string): string {
    let id: string;
    do id = `${prefix}-${++this.counter}`;
    while (this.proposals.some((p) => p.id === id));
    return id;
  }

  get selected(): Proposal | null {
    return this.proposals.find((p) => p.id === this.selectedId) ?? null;
  }

  add(p: Proposal): void {
    this.proposals.push(p);
    this.selectedId = p.id;
    this.changed();
  }

  update(id: string, patch: Partial<Proposal>): void {
    const i = this.proposals.findIndex((p) => p.id === id);
    if (i < 0) return;
    this.proposals[i] = { ...this.proposals[i], ...patch } as Proposal;
    this.changed();
  }

  remove(id: string): void {
    this.proposals = this.proposals.filter((p) => p.id !== id);
    this.modelUrls.delete(id);
    this.modelBounds.delete(id);
    if (this.selectedId === id) this.selectedId = null;
    this.changed();
  }

  select(id: string | null): void {
    if (this.selectedId === id) return;
    this.selectedId = id;
    this.changed();
  }

  load(s: Scenario): void {
    this.name = s.name;
    this.description = s.description;
    this.proposals = s.proposals.slice();
    this.analyses = s.analyses.slice();
    this.area = s.area;
    this.selectedId = null;
    this.modelUrls.clear();
    this.modelBounds.clear();
    this.changed();
  }

  toScenario(fallbackArea: ScenarioArea): Scenario {
    const s: Scenario = { name: this.name, area: this.area ?? fallbackArea, proposals: this.proposals, analyses: this.analyses };
    if (this.description) s.description = this.description;
    return s;
  }
}
