// Lifetimes in the renderer. Conventions: every subscription returns its Remover; everything that
// holds resources (primitives, entities, DOM, listeners, timers, workers, subscriptions) has
// destroy(), and keeps what it must undo in a Disposer. DOM-free and Cesium-free, so the models
// built on it run in Node.

/** Undoes one subscription or registration; calling it again does nothing. */
export type Remover = () => void;

export interface Destroyable {
  destroy(): void;
}

/** A typed listener list: on() returns the Remover, emit() calls every listener (added in order). */
export class Emitter<Args extends unknown[] = []> {
  private readonly listeners = new Set<(...args: Args) => void>();

  on(listener: (...args: Args) => void): Remover {
    // A wrapper per subscription: the same function subscribed twice is removed one at a time.
    const entry = (...args: Args) => listener(...args);
    this.listeners.add(entry);
    return () => void this.listeners.delete(entry);
  }

  emit(...args: Args): void {
    // A copy: listeners may unsubscribe (or subscribe others) while being told.
    for (const listener of [...this.listeners]) listener(...args);
  }

  /** Listeners subscribed now (the teardown checks count them). */
  get size(): number {
    return this.listeners.size;
  }

  clear(): void {
    this.listeners.clear();
  }
}

/**
 * Collects what a feature must undo and undoes it once, newest first (the reverse of setting up).
 * A failing step is reported and the rest still run, so one bad teardown never leaks the others.
 */
export class Disposer implements Destroyable {
  private readonly steps: Array<Remover | Destroyable> = [];
  private done = false;

  /** Adds a Remover or something with destroy(); returns it. After destroy() it is undone at once. */
  add<T extends Remover | Destroyable>(step: T): T {
    if (this.done) run(step);
    else this.steps.push(step);
    return step;
  }

  /** setInterval that ends with this disposer. */
  interval(fn: () => void, ms: number): void {
    const id = setInterval(fn, ms);
    this.add(() => clearInterval(id));
  }

  /** setTimeout that is cancelled if this disposer ends first (and forgotten once it has run). */
  timeout(fn: () => void, ms: number): void {
    const cancel: Remover = () => clearTimeout(id);
    const id = setTimeout(() => {
      this.forget(cancel);
      fn();
    }, ms);
    this.add(cancel);
  }

  /** Drops a step without running it (it was undone another way). */
  forget(step: Remover | Destroyable): void {
    const i = this.steps.indexOf(step);
    if (i >= 0) this.steps.splice(i, 1);
  }

  get destroyed(): boolean {
    return this.done;
  }

  destroy(): void {
    if (this.done) return;
    this.done = true;
    for (const step of this.steps.splice(0).reverse()) run(step);
  }
}

function run(step: Remover | Destroyable): void {
  try {
    if (typeof step === 'function') step();
    else step.destroy();
  } catch (err) {
    console.error('teardown step failed', err);
  }
}
