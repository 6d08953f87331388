// Building footprints as typed arrays, the shape the fire engines (and other workers) take:
// building i's outer ring is lonLat[2*offsets[i] .. 2*offsets[i+1]) (lon, lat pairs; the closing
// vertex may be repeated or not). Typed arrays cross the worker boundary without re-encoding.
export interface FootprintArrays {
  offsets: Uint32Array;
  lonLat: Float64Array;
}

export function footprintCount(f: FootprintArrays): number {
  return f.offsets.length - 1;
}

/** Vertex-average centre of each outer ring (a repeated closing vertex is skipped). */
export function footprintCentres(f: FootprintArrays): Float64Array {
  const n = footprintCount(f);
  const out = new Float64Array(n * 2);
  for (let i = 0; i < n; i++) {
    const start = f.offsets[i];
    let end = f.offsets[i + 1];
    if (end - start > 1 && f.lonLat[2 * start] === f.lonLat[2 * end - 2] && f.lonLat[2 * start + 1] === f.lonLat[2 * end - 1]) end--;
    let sx = 0;
    let sy = 0;
    for (let v = start; v < end; v++) {
      sx += f.lonLat[2 * v];
      sy += f.lonLat[2 * v + 1];
    }
    const k = Math.max(1, end - start);
    out[2 * i] = sx / k;
    out[2 * i + 1] = sy / k;
  }
  return out;
}

/** Builds FootprintArrays from lon/lat rings (tests, the pipeline, the renderer). */
export function packFootprints(rings: ReadonlyArray<ReadonlyArray<readonly [number, number] | readonly number[]>>): FootprintArrays {
  const offsets = new Uint32Array(rings.length + 1);
  let total = 0;
  rings.forEach((r, i) => {
    offsets[i] = total;
    total += r.length;
  });
  offsets[rings.length] = total;
  const lonLat = new Float64Array(total * 2);
  let k = 0;
  for (const r of rings)
    for (const p of r) {
      lonLat[k++] = p[0];
      lonLat[k++] = p[1];
    }
  return { offsets, lonLat };
}
