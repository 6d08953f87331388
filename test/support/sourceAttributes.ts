// SourceAttributes for rule tests: a plain building=yes with nothing recorded unless the test says so.
import type { SourceAttributes } from '../../tiles/readers/types.js';

export const attrs = (a: Partial<SourceAttributes>): SourceAttributes => ({
  name: '',
  use: 'yes',
  height: null,
  floors: null,
  minHeight: null,
  heightBasis: null,
  area: null,
  ...a,
});
