// The city wind engine on a HAND-MADE fixture surface model (not Seoul data): voxelization, the
// stability of the parameter ranges the UI allows (short runs at the extremes), refusal of others,
// corridors, and the run through the analysis worker API with progress and cancellation.
import { describe, expect, it } from 'vitest';
import type { RasterGrid } from '../../../common/rasterGrid.js';
import { workerApi } from '../../../workers/analysisWorker.js';
import { findCorridors } from '../../../workers/wind/corridors.js';
import { D3Q19 } from '../../../workers/wind/d3q19.js';
import { UnstableParametersError } from '../../../workers/wind/latticeLimits.js';
import { voxelizeDsm } from '../../../workers/wind/voxelize.js';
import { simulateWind, WIND_LIMITS, type WindInput } from '../../../workers/wind/windEngine.js';

/** Fixture: 1 m cells, ground at 30 m, a 40 m tower and two 12 m slabs with a 10 m street between. */
function fixtureDsm(size = 96): RasterGrid {
  const values = new Float32Array(size * size).fill(30);
  const box = (c0: number, c1: number, r0: number, r1: number, h: number) => {
    for (let r = r0; r < r1; r++) for (let c = c0; c < c1; c++) values[r * size + c] = 30 + h;
  };
  box(20, 36, 20, 36, 40);
  box(50, 80, 40, 52, 12);
  box(50, 80, 62, 74, 12);
  return { values, width: size, height: size, cellSize: 1, originX: 200000, originY: 550000 + size, noData: -9999 };
}

describe('wind engine (D3Q19 over a voxelized surface model)', () => {
  it('voxelizes roofs by the median of the cells a lattice column covers, and tells buildings from ground', () => {
    const dsm = fixtureDsm();
    const city = voxelizeDsm(dsm, { minX: 200000, maxX: 200096, minY: 550000, maxY: 550096 }, 4, 30);
    expect([city.nx, city.ny, city.base]).toEqual([24, 24, 30]);
    expect(city.top[6 * 24 + 6]).toBe(10); // tower: 40 m / 4 m
    expect(city.top[11 * 24 + 14]).toBe(3); // slab: 12 m / 4 m
    expect(city.top[14 * 24 + 14]).toBe(0); // the street between the slabs
    expect(city.building[6 * 24 + 6]).toBe(1);
    expect(city.building[14 * 24 + 14]).toBe(0);
    expect(city.solid[(9 * 24 + 6) * 24 + 6]).toBe(1);
    expect(city.solid[(10 * 24 + 6) * 24 + 6]).toBe(0);
  });

  it('stays stable at the extremes of the allowed ranges', async () => {
    const dsm = fixtureDsm();
    const cases: Partial<WindInput>[] = [
      // finest cells, lowest lid, fastest lattice, least dissipation, diagonal wind
      {
        cellSize: WIND_LIMITS.cellSize[0],
        height: WIND_LIMITS.height[0],
        latticeSpeed: WIND_LIMITS.latticeSpeed[1],
        tau0: WIND_LIMITS.tau0[0],
        smagorinsky: WIND_LIMITS.smagorinsky[0],
        directionDeg: 225,
        speed: WIND_LIMITS.speed[1],
        profileExponent: WIND_LIMITS.profileExponent[0],
      },
      // coarse cells, tall domain, strongest shear profile, wind from the north
      {
        cellSize: 8,
        height: WIND_LIMITS.height[1],
        latticeSpeed: WIND_LIMITS.latticeSpeed[1],
        tau0: WIND_LIMITS.tau0[0],
        smagorinsky: WIND_LIMITS.smagorinsky[0],
        directionDeg: 0,
        speed: WIND_LIMITS.speed[0],
        profileExponent: WIND_LIMITS.profileExponent[1],
      },
    ];
    for (const c of cases) {
      const r = await simulateWind({ dsm, directionDeg: 0, speed: 5, maxSteps: 300, tolerance: 0, ...c });
      expect(r.steps).toBe(300);
      const open = [...r.ratio.values].filter((v) => v !== r.ratio.noData);
      expect(open.length).toBeGreaterThan(0);
      for (const v of open) expect(Number.isFinite(v) && v >= 0 && v < 3).toBe(true);
      for (const v of r.residuals) expect(Number.isFinite(v)).toBe(true);
      console.log(
        `extreme case ${JSON.stringify(c)}: lattice ${r.lattice.nx}x${r.lattice.ny}x${r.lattice.nz}, max pedestrian ratio ${Math.max(...open).toFixed(2)}, last residual ${r.residuals.at(-1)!.toExponential(2)}`,
      );
    }
  });

  it('refuses parameters outside the stable or allowed ranges with a clear message', async () => {
    const dsm = fixtureDsm();
    const base = { dsm, directionDeg: 270, speed: 5 };
    const refused: [Partial<WindInput>, RegExp][] = [
      [{ latticeSpeed: 0.2 }, /lattice speed 0.2 is outside the allowed range .*Mach/],
      [{ tau0: 0.5 }, /tau0 0.5 is outside the allowed range .*tau > 0.5/],
      [{ speed: 0 }, /speed \(m\/s\) 0 is outside/],
      [{ speed: 60 }, /speed \(m\/s\) 60 is outside/],
      [{ cellSize: 1 }, /cell size \(m\) 1 is outside/],
      [{ height: 20 }, /domain height \(m\) 20 is outside/],
      [{ directionDeg: Number.NaN }, /direction NaN/],
      [{ cellSize: 20 }, /at least 8 per axis/],
    ];
    for (const [extra, message] of refused) {
      await expect(simulateWind({ ...base, ...extra })).rejects.toThrow(UnstableParametersError);
      await expect(simulateWind({ ...base, ...extra })).rejects.toThrow(message);
    }
    const big: RasterGrid = { ...dsm, cellSize: 40 }; // 3.84 km square at 2 m cells, 200 m high
    await expect(simulateWind({ ...base, dsm: big, cellSize: 2, height: 200 })).rejects.toThrow(/more than 4,000,000 .*memory/);
    const solid = new Uint8Array(10 * 10 * 10);
    expect(
      () =>
        new D3Q19({
          nx: 10,
          ny: 10,
          nz: 10,
          tau0: 0.5,
          smagorinsky: 0,
          solid,
          sides: { xMin: 'inlet', xMax: 'outflow', yMin: 'inlet', yMax: 'inlet' },
          inflow: () => [0.05, 0, 0],
        }),
    ).toThrow(/tau = 0.5 is outside the stable range/);
  });

  it('keeps the open upwind field near the inflow profile, slows in the tower wake, and blows the way it was told', async () => {
    // Wind from the west over the fixture: the upwind (west) edge sees about the inflow profile at
    // the pedestrian cell (2 m: (2/10)^0.25 = 0.67 of the 10 m speed, less once the ground slows
    // it), the cells just downwind (east) of the 40 m tower lie in its wake, and the corner streams
    // beside the tower speed up.
    const r = await simulateWind({ dsm: fixtureDsm(), directionDeg: 270, speed: 5, cellSize: 4, height: 80, maxSteps: 1200 });
    const at = (x: number, y: number) => r.ratio.values[y * r.ratio.width + x];
    expect(r.ratio.values[6 * 24 + 6]).toBe(r.ratio.noData); // the tower roof is not pedestrian level
    const upwind = at(0, 12);
    const wake = at(10, 7);
    const corner = Math.max(at(5, 3), at(5, 10));
    console.log(
      `upwind ${upwind.toFixed(3)}, tower wake ${wake.toFixed(3)}, tower corner ${corner.toFixed(3)}; ${r.steps} steps, converged ${r.converged}, ${r.mlups.toFixed(2)} MLUPS`,
    );
    expect(upwind).toBeGreaterThan(0.3);
    expect(upwind).toBeLessThan(0.8);
    expect(wake).toBeLessThan(upwind / 3);
    expect(corner).toBeGreaterThan(upwind);
    expect(r.east[12 * 24]).toBeGreaterThan(5 * Math.abs(r.north[12 * 24])); // from the west: blows east
    expect(r.residuals.length).toBe(r.residualSteps.length);
    expect(r.residuals.at(-1)!).toBeLessThan(r.residuals[0]);
    const fromNorth = await simulateWind({ dsm: fixtureDsm(), directionDeg: 0, speed: 5, cellSize: 8, height: 80, maxSteps: 200, tolerance: 0 });
    expect(fromNorth.north[0]).toBeLessThan(-5 * Math.abs(fromNorth.east[0])); // from the north: blows south
  });

  it('runs the same sweep in the WebAssembly SIMD kernel as in the TypeScript kernel (float32 rounding apart)', () => {
    const nx = 37; // not a multiple of 4: the last vector of each row overruns into ghost cells
    const ny = 23;
    const nz = 15;
    const solid = new Uint8Array(nx * ny * nz);
    for (let z = 0; z < 6; z++) for (let y = 8; y < 14; y++) for (let x = 10; x < 17; x++) solid[(z * ny + y) * nx + x] = 1;
    const make = (kernel: 'js' | 'wasm') =>
      new D3Q19({
        nx,
        ny,
        nz,
        tau0: 0.52,
        smagorinsky: 0.16,
        solid,
        kernel,
        sides: { xMin: 'inlet', xMax: 'outflow', yMin: 'inlet', yMax: 'outflow' },
        inflow: (z) => [0.08 * ((z + 0.5) / nz) ** 0.25, 0.03, 0],
      });
    const js = make('js');
    const wasm = make('wasm');
    expect([js.kernelKind, wasm.kernelKind]).toEqual(['js', 'wasm']);
    js.step(100);
    wasm.step(100);
    const n = nx * ny * nz;
    const a = [new Float32Array(n), new Float32Array(n), new Float32Array(n)] as const;
    const b = [new Float32Array(n), new Float32Array(n), new Float32Array(n)] as const;
    js.velocity(...a);
    wasm.velocity(...b);
    let diff = 0;
    for (let c = 0; c < 3; c++) for (let i = 0; i < n; i++) diff = Math.max(diff, Math.abs(a[c][i] - b[c][i]));
    expect(diff).toBeLessThan(1e-5); // lattice speeds are ~0.1
    expect(Math.abs(js.maxSpeed - wasm.maxSpeed)).toBeLessThan(1e-5);
  });

  it('stops when the pedestrian block means settle even if the residual never meets the tolerance', async () => {
    const r = await simulateWind({ dsm: fixtureDsm(), directionDeg: 270, speed: 5, cellSize: 8, height: 80, maxSteps: 5000, tolerance: 0 });
    console.log(`statistical stop after ${r.steps} steps; block changes ${[...r.blockChanges].map((c) => (c * 100).toFixed(2) + '%').join(', ')}`);
    expect(r.steadiness).toBe('statistical');
    expect(r.converged).toBe(true);
    expect(r.steps).toBeLessThan(5000);
    expect(r.blockChanges.at(-1)!).toBeLessThan(0.02);
  });

  it('finds corridors as connected high-ratio paths that cross the area', () => {
    const w = 6;
    const h = 5;
    // a diagonal path from the west side to the north side, an isolated high cell, and a roof (noData)
    const v = Float32Array.from([0, 0, 0, 0.9, 0, 0, 0, 0, 0.8, 0, 0, 0, 0.7, 0.7, 0, 0, 0.9, 0, 0, 0, 0, 0, 0, -9999, 0, 0, 0, 0, 0, 0]);
    const { label, corridors } = findCorridors(v, w, h, 0.6, -9999, 1);
    expect(corridors).toEqual([{ id: 1, cells: 4, meanRatio: expect.closeTo(0.775, 5), sides: ['north', 'west'] }]);
    expect([...label].filter((l) => l === 1).length).toBe(4);
    expect(label[2 * w + 4]).toBe(0);
  });

  it('runs through the analysis worker API with progress, and cancels by job id', async () => {
    const seen: string[] = [];
    const input: WindInput = { dsm: fixtureDsm(), directionDeg: 270, speed: 5, cellSize: 4, height: 60, maxSteps: 100_000, tolerance: 0, checkEvery: 10 };
    const job = workerApi.run('simulateWind', input, 'wind-1', (f, stage) => {
      seen.push(stage);
      // Cancel from a later task, as a message from the page would arrive: the engine yields between batches.
      if (stage.includes('step 50 ')) setTimeout(() => workerApi.cancel('wind-1'), 0);
    });
    await expect(job).rejects.toThrow(/simulateWind was cancelled/);
    expect(seen.some((s) => /step \d+ of 100000, residual/.test(s))).toBe(true);
  });
});
