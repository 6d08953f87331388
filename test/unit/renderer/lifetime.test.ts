// The renderer's lifetime kit (renderer/src/lifetime.ts): subscriptions return their Remover,
// a Disposer undoes everything once, newest first, even when one step fails.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Disposer, Emitter } from '../../../renderer/src/lifetime.js';

afterEach(() => vi.useRealTimers());

describe('Emitter', () => {
  it('tells listeners in order; a Remover takes exactly its own subscription away', () => {
    const e = new Emitter<[number]>();
    const heard: string[] = [];
    const a = (n: number) => heard.push(`a${n}`);
    const offA1 = e.on(a);
    e.on(a);
    const offB = e.on((n) => heard.push(`b${n}`));
    e.emit(1);
    offA1();
    offA1();
    offB();
    e.emit(2);
    expect(heard).toEqual(['a1', 'a1', 'b1', 'a2']);
    expect(e.size).toBe(1);
  });

  it('a listener may unsubscribe itself and others while being told', () => {
    const e = new Emitter();
    const heard: string[] = [];
    const offSecond = e.on(() => heard.push('second'));
    const offFirst = e.on(() => {
      heard.push('first');
      offFirst();
      offSecond();
    });
    e.emit();
    e.emit();
    // `second` was told in the first round (it was subscribed when the round began).
    expect(heard).toEqual(['second', 'first']);
    expect(e.size).toBe(0);
  });
});

describe('Disposer', () => {
  it('undoes newest first, once, and undoes later additions at once', () => {
    const d = new Disposer();
    const order: string[] = [];
    d.add(() => order.push('first'));
    d.add({ destroy: () => order.push('second') });
    d.destroy();
    d.destroy();
    d.add(() => order.push('late'));
    expect(order).toEqual(['second', 'first', 'late']);
    expect(d.destroyed).toBe(true);
  });

  it('a failing step is reported and the others still run', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const d = new Disposer();
    const order: string[] = [];
    d.add(() => order.push('a'));
    d.add(() => {
      throw new Error('broken teardown');
    });
    d.add(() => order.push('c'));
    d.destroy();
    expect(order).toEqual(['c', 'a']);
    expect(error).toHaveBeenCalledOnce();
    error.mockRestore();
  });

  it('forgets a step undone another way', () => {
    const d = new Disposer();
    const order: string[] = [];
    const step = d.add(() => order.push('step'));
    d.forget(step);
    d.destroy();
    expect(order).toEqual([]);
  });

  it('timers end with it: an interval stops, a pending timeout never fires, a fired one is forgotten', () => {
    vi.useFakeTimers();
    const d = new Disposer();
    let ticks = 0;
    let fired = 0;
    d.interval(() => ticks++, 100);
    d.timeout(() => fired++, 150);
    d.timeout(() => fired++, 1000);
    vi.advanceTimersByTime(350);
    expect([ticks, fired]).toEqual([3, 1]);
    d.destroy();
    vi.advanceTimersByTime(5000);
    expect([ticks, fired]).toEqual([3, 1]);
    expect(vi.getTimerCount()).toBe(0);
  });
});
