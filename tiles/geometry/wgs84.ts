// WGS84 geodetic <-> Earth-centred (ECEF) and local East-North-Up frames, by the standard formulas,
// so that tiles/ needs no Cesium. Angles in degrees at the API, metres everywhere.

export const WGS84_A = 6378137.0;
export const WGS84_F = 1 / 298.257223563;
export const WGS84_E2 = WGS84_F * (2 - WGS84_F);

const DEG = Math.PI / 180;

/** Geodetic (lon, lat in degrees, h above the ellipsoid) to ECEF metres, written into `out`. */
export function geodeticToEcef(lon: number, lat: number, h: number, out: Float64Array | number[] = new Float64Array(3)) {
  const lam = lon * DEG;
  const phi = lat * DEG;
  const sinPhi = Math.sin(phi);
  const cosPhi = Math.cos(phi);
  const n = WGS84_A / Math.sqrt(1 - WGS84_E2 * sinPhi * sinPhi);
  out[0] = (n + h) * cosPhi * Math.cos(lam);
  out[1] = (n + h) * cosPhi * Math.sin(lam);
  out[2] = (n * (1 - WGS84_E2) + h) * sinPhi;
  return out;
}

/** A local tangent frame: x = east, y = north, z = up, origin on (lon0, lat0, h0). */
export class EnuFrame {
  readonly origin: Float64Array;
  readonly east: [number, number, number];
  readonly north: [number, number, number];
  readonly up: [number, number, number];
  private readonly scratch = new Float64Array(3);

  constructor(
    readonly lon0: number,
    readonly lat0: number,
    readonly h0: number,
  ) {
    const lam = lon0 * DEG;
    const phi = lat0 * DEG;
    const sl = Math.sin(lam),
      cl = Math.cos(lam),
      sp = Math.sin(phi),
      cp = Math.cos(phi);
    this.origin = geodeticToEcef(lon0, lat0, h0) as Float64Array;
    this.east = [-sl, cl, 0];
    this.north = [-sp * cl, -sp * sl, cp];
    this.up = [cp * cl, cp * sl, sp];
  }

  /** (lon, lat, h) to local east/north/up metres, written into out[0..2]. */
  toEnu(lon: number, lat: number, h: number, out: Float64Array | number[]): void {
    const p = geodeticToEcef(lon, lat, h, this.scratch);
    const dx = p[0] - this.origin[0],
      dy = p[1] - this.origin[1],
      dz = p[2] - this.origin[2];
    const e = this.east,
      n = this.north,
      u = this.up;
    out[0] = e[0] * dx + e[1] * dy + e[2] * dz;
    out[1] = n[0] * dx + n[1] * dy + n[2] * dz;
    out[2] = u[0] * dx + u[1] * dy + u[2] * dz;
  }

  /** Column-major 4x4 ENU-to-ECEF matrix: the `transform` of a 3D Tiles tile whose content is in this frame. */
  transform(): number[] {
    const o = this.origin,
      e = this.east,
      n = this.north,
      u = this.up;
    return [e[0], e[1], e[2], 0, n[0], n[1], n[2], 0, u[0], u[1], u[2], 0, o[0], o[1], o[2], 1];
  }
}
