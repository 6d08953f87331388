// The one shape every toggleable map layer has, so the layer list, the test hook and future
// layers (analysis results, live feeds) treat them alike. DOM-free.
import { Emitter, type Remover } from './lifetime.js';

/** 'buildings', 'terrain', or a ground layer id from the manifest ('water', 'parks', …). */
export type LayerId = string;

export type LayerState = 'loading' | 'ready' | 'missing' | 'failed';

export interface MapLayer {
  readonly id: LayerId;
  /** The layer's name in the current language. */
  label(): string;
  state: LayerState;
  /** Why the layer is missing or failed, for the layer list tooltip. */
  problem: string | null;
  visible: boolean;
  setVisible(visible: boolean): void;
}

/** Layers in list order; the list re-renders when any layer changes. */
export class LayerRegistry {
  readonly layers: MapLayer[] = [];
  private readonly changes = new Emitter();

  /** Adds a layer at the end of the list; returns the Remover taking it out again. */
  add(layer: MapLayer): Remover {
    this.layers.push(layer);
    this.changed();
    return () => this.remove(layer);
  }

  remove(layer: MapLayer): void {
    const i = this.layers.indexOf(layer);
    if (i < 0) return;
    this.layers.splice(i, 1);
    this.changed();
  }

  get(id: LayerId): MapLayer | undefined {
    return this.layers.find((l) => l.id === id);
  }

  setVisible(id: LayerId, visible: boolean): void {
    const layer = this.get(id);
    if (!layer || layer.visible === visible) return;
    layer.setVisible(visible);
    layer.visible = visible;
    this.changed();
  }

  changed(): void {
    this.changes.emit();
  }

  onChange(listener: () => void): Remover {
    return this.changes.on(listener);
  }

  get listenerCount(): number {
    return this.changes.size;
  }

  visibility(): Record<string, boolean> {
    return Object.fromEntries(this.layers.map((l) => [l.id, l.visible && l.state === 'ready']));
  }
}
