// Who gets a map click, press, drag or move: the routing half of the pick dispatcher
// (pickDispatcher.ts feeds it Cesium's input events and resolves picks). DOM- and Cesium-free,
// so the rules are unit-tested in Node:
// - a tool that captured the map (capture(owner, …)) gets the clicks (and moves, double clicks)
//   until it releases them; nothing else hears those clicks;
// - otherwise every click subscriber (onClick) is told of every click;
// - a press subscriber (onPress) may start a drag: it then gets the moves until the button goes up;
// - what is under the pointer is resolved once per press and shared by its down, up and click
//   (one scene.pick per click however many subscribers read it); moves are coalesced to one per
//   frame and resolved only while someone wants them.
import { Emitter, type Remover } from '../lifetime.js';

export interface ScreenPosition {
  x: number;
  y: number;
}

export interface LonLatHeight {
  lon: number;
  lat: number;
  /** Ellipsoidal height of the picked surface (roof or terrain). */
  height: number;
}

/** What is under the pointer. Both parts are resolved on first read, once. */
export interface MapPick {
  readonly screen: ScreenPosition;
  /** The object scene.pick found (a tile feature, a primitive's pick id …), or undefined. */
  readonly picked: unknown;
  /** The drawn surface (buildings) or the terrain there; null over the sky. */
  readonly point: LonLatHeight | null;
}

/** A pick that hit the ground or a building: where, and what. */
export interface MapPoint extends LonLatHeight {
  readonly screen: ScreenPosition;
  readonly picked: unknown;
}

export interface CaptureHandlers {
  click?(p: MapPoint): void;
  doubleClick?(p: MapPoint): void;
  move?(p: MapPoint): void;
  /** The capture ended without release(): another tool captured the map, or the dispatcher was destroyed. */
  cancelled?(): void;
}

/** A drag started by a press subscriber: it gets the pointer until the button goes up. */
export interface Drag {
  move(p: MapPoint): void;
  end(): void;
}

/** What the router needs from its host (the Cesium side, or a test). */
export interface PickHost {
  /** A pick at this window position (resolution may be lazy: lazyPick()). */
  pickAt(screen: ScreenPosition): MapPick;
  /** Runs `fn` before the next frame; returns its cancel. */
  nextFrame(fn: () => void): Remover;
  /** Captures show a crosshair. */
  setCursor(cursor: '' | 'crosshair'): void;
  /** The camera stands still during a drag. */
  setCameraInputs(enabled: boolean): void;
}

/** A MapPick whose parts are computed on first read and then kept. */
export function lazyPick(screen: ScreenPosition, pickObject: () => unknown, pickPoint: () => LonLatHeight | null): MapPick {
  let picked: { value: unknown } | null = null;
  let point: { value: LonLatHeight | null } | null = null;
  return {
    screen,
    get picked() {
      picked ??= { value: pickObject() };
      return picked.value;
    },
    get point() {
      point ??= { value: pickPoint() };
      return point.value;
    },
  };
}

/** The pick as a MapPoint, or null over the sky. */
export function mapPoint(pick: MapPick): MapPoint | null {
  const p = pick.point;
  if (!p) return null;
  return {
    ...p,
    screen: pick.screen,
    get picked() {
      return pick.picked;
    },
  };
}

const samePosition = (a: ScreenPosition, b: ScreenPosition) => a.x === b.x && a.y === b.y;

export class PickRouter {
  private readonly clicks = new Emitter<[MapPick]>();
  private readonly presses = new Set<(pick: MapPick) => Drag | null | undefined | void>();
  private captured: { owner: string; handlers: CaptureHandlers } | null = null;
  private drag: Drag | null = null;
  /** The pick of the button press in progress: its up and click read the same one. */
  private press: MapPick | null = null;
  private lastClick: MapPick | null = null;
  private pendingMove: ScreenPosition | null = null;
  private cancelFrame: Remover | null = null;
  private destroyed = false;

  constructor(private readonly host: PickHost) {}

  /** Told of every click no tool captured (also over the sky: then `point` is null). */
  onClick(listener: (pick: MapPick) => void): Remover {
    return this.clicks.on(listener);
  }

  /** Told of every press no tool captured; returning a Drag takes the pointer until the button goes up. */
  onPress(listener: (pick: MapPick) => Drag | null | undefined | void): Remover {
    const entry = (pick: MapPick) => listener(pick);
    this.presses.add(entry);
    return () => void this.presses.delete(entry);
  }

  /** Sends the map's clicks to `owner` until release(owner) (or the returned Remover); a previous capture is cancelled. */
  capture(owner: string, handlers: CaptureHandlers): Remover {
    const previous = this.captured;
    const mine = { owner, handlers };
    this.captured = mine;
    this.host.setCursor('crosshair');
    if (previous && previous.handlers !== handlers) previous.handlers.cancelled?.();
    return () => {
      if (this.captured === mine) this.release(owner);
    };
  }

  /** The tool is done with the map. */
  release(owner: string): void {
    if (this.captured?.owner !== owner) return;
    this.captured = null;
    this.host.setCursor('');
  }

  /** Ends `owner`'s capture from outside (its tab closes for good): release, then its cancelled(). */
  cancel(owner: string): void {
    const captured = this.captured;
    if (captured?.owner !== owner) return;
    this.release(owner);
    captured.handlers.cancelled?.();
  }

  get capturedBy(): string | null {
    return this.captured?.owner ?? null;
  }

  /** Subscribers now, for teardown checks. */
  get subscriberCount(): number {
    return this.clicks.size + this.presses.size + (this.captured ? 1 : 0);
  }

  // ---- input events (from the host's event source) ----

  down(screen: ScreenPosition): void {
    this.press = this.host.pickAt(screen);
    if (this.captured || this.drag) return;
    for (const listener of [...this.presses]) {
      const drag = listener(this.press);
      if (drag) {
        this.drag = drag;
        this.host.setCameraInputs(false);
        return;
      }
    }
  }

  up(_screen: ScreenPosition): void {
    this.flushMove();
    this.host.setCameraInputs(true);
    const drag = this.drag;
    this.drag = null;
    drag?.end();
  }

  click(screen: ScreenPosition): void {
    // A click fires only when the pointer stayed within the click tolerance since its press.
    const pick = this.press ?? this.host.pickAt(screen);
    this.press = null;
    this.lastClick = pick;
    const captured = this.captured;
    if (captured) {
      const p = mapPoint(pick);
      if (p) captured.handlers.click?.(p);
      return;
    }
    this.clicks.emit(pick);
  }

  doubleClick(screen: ScreenPosition): void {
    const handler = this.captured?.handlers.doubleClick;
    if (!handler) return;
    const pick = this.lastClick && samePosition(this.lastClick.screen, screen) ? this.lastClick : this.host.pickAt(screen);
    const p = mapPoint(pick);
    if (p) handler(p);
  }

  move(screen: ScreenPosition): void {
    if (!this.moveTarget()) return;
    this.pendingMove = { x: screen.x, y: screen.y };
    this.cancelFrame ??= this.host.nextFrame(() => {
      this.cancelFrame = null;
      this.flushMove();
    });
  }

  private moveTarget(): ((p: MapPoint) => void) | null {
    if (this.drag) {
      const drag = this.drag;
      return (p) => drag.move(p);
    }
    const move = this.captured?.handlers.move;
    return move ? (p) => move(p) : null;
  }

  private flushMove(): void {
    this.cancelFrame?.();
    this.cancelFrame = null;
    const screen = this.pendingMove;
    this.pendingMove = null;
    const target = this.moveTarget();
    if (!screen || !target) return;
    const p = mapPoint(this.host.pickAt(screen));
    if (p) target(p);
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.cancelFrame?.();
    this.cancelFrame = null;
    const captured = this.captured;
    this.captured = null;
    this.drag = null;
    this.clicks.clear();
    this.presses.clear();
    this.host.setCursor('');
    this.host.setCameraInputs(true);
    captured?.handlers.cancelled?.();
  }
}
