// polygon-clipping ships CommonJS with `module.exports = {union, ...}`: under Node's ESM loader the
// functions live on the default export, under bundlers on the namespace. One place for the shim.
import * as polygonClippingNs from 'polygon-clipping';

export type { MultiPolygon, Pair, Polygon, Ring } from 'polygon-clipping';

export const polygonClipping = ((polygonClippingNs as unknown as { default?: typeof polygonClippingNs }).default ??
  polygonClippingNs) as typeof polygonClippingNs;
