// The kiosk's states (kioskMode.ts drives them; DOM-free, unit-tested in Node):
// starting -> (tour loaded) attract -> (a visitor acts) interactive -> (no input for the idle
// time) reset -> attract. A visitor acting before the tour is loaded goes straight to interactive;
// a tour that cannot load is 'failed' (the kiosk then reloads).
export type KioskState = 'starting' | 'attract' | 'interactive' | 'failed';

/** Input that counts as a visitor: everything but a mouse gliding over the screen with no button down. */
export function countsAsInput(type: string, pointer?: { buttons: number; pointerType: string }): boolean {
  return !(type === 'pointermove' && pointer && pointer.buttons === 0 && pointer.pointerType !== 'touch');
}

export class KioskIdle {
  state: KioskState = 'starting';
  /** Idle resets so far. */
  resets = 0;
  private lastInput: number;

  constructor(
    readonly idleMs: number,
    now: number,
  ) {
    this.lastInput = now;
  }

  /** A visitor acted at `now`; true when that interrupted the attract loop (stop the tour). */
  input(now: number): boolean {
    this.lastInput = now;
    if (this.state === 'starting') this.state = 'interactive';
    if (this.state !== 'attract') return false;
    this.state = 'interactive';
    return true;
  }

  /** The tour has loaded; true when it should start now (nobody is using the kiosk). */
  tourReady(): boolean {
    if (this.state !== 'starting') return false;
    this.state = 'attract';
    return true;
  }

  tourFailed(): void {
    this.state = 'failed';
  }

  /** True when an interactive kiosk has had no input for the idle time at `now` (reset it, then call reset()). */
  idleExpired(now: number): boolean {
    return this.state === 'interactive' && now - this.lastInput >= this.idleMs;
  }

  /** Everything was put back: the attract loop runs again. */
  reset(): void {
    this.resets++;
    this.state = 'attract';
  }
}
