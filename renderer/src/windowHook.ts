// The read-only test hooks on window (__vseoul, __vseoulSensors, __vseoulFire, …): frozen, not
// writable, and removed again when their feature is destroyed.
import type { Remover } from './lifetime.js';

export function installWindowHook(name: string, hook: object): Remover {
  const frozen = Object.freeze(hook);
  Object.defineProperty(window, name, { value: frozen, configurable: true, writable: false });
  return () => {
    if (Reflect.get(window, name) === frozen) Reflect.deleteProperty(window, name);
  };
}
