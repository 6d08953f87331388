// Loads a point layer of the city build (PointLayerInfo): positions at once (a few hundred KB of
// Float32), attributes on demand (the hydrant addresses are ~11 MB of JSON, ~1.5 MB compressed).
import type { PointLayerInfo } from '../../../common/buildFormat.js';

export interface PointLayerData {
  info: PointLayerInfo;
  /** lon/lat pairs in degrees (Float64: the Float32 offsets plus the origin). */
  lonLat: Float64Array;
  attributes(): Promise<Record<string, string[]>>;
}

export async function loadPointLayer(info: PointLayerInfo, url: (path: string) => string): Promise<PointLayerData> {
  const response = await fetch(url(info.positionsPath));
  if (!response.ok) throw new Error(`${info.positionsPath}: HTTP ${response.status}`);
  const offsets = new Float32Array(await response.arrayBuffer());
  if (offsets.length !== info.count * 2) throw new Error(`${info.positionsPath}: ${offsets.length / 2} points, the manifest says ${info.count}`);
  const lonLat = new Float64Array(offsets.length);
  for (let i = 0; i < offsets.length; i += 2) {
    lonLat[i] = offsets[i] + info.origin[0];
    lonLat[i + 1] = offsets[i + 1] + info.origin[1];
  }
  let attributes: Promise<Record<string, string[]>> | null = null;
  return {
    info,
    lonLat,
    attributes: () =>
      (attributes ??= fetch(url(info.attributesPath))
        .then((r) => {
          if (!r.ok) throw new Error(`${info.attributesPath}: HTTP ${r.status}`);
          return r.json() as Promise<{ columns: Record<string, string[]> }>;
        })
        .then((j) => j.columns)),
  };
}
