// Wind benchmark: the D3Q19 city solver on 1 km x 1 km of the REAL Cheonggyecheon surface model (one
// piece: the build's DSM patch is 1.675 km x 1.03 km; its central 1000 m x 1000 m window) at 4 m
// cells and 120 m height = 250 x 250 x 30 cells, wind from the west at 5 m/s (10 m), run to steady
// state with the engine's defaults. Printed next to it: the memory-bandwidth bound of this machine
// for the same arrays, measured as a streaming copy (TypedArray.set = memcpy) of the 19 population
// arrays into the 19 second-buffer arrays: one lattice update reads and writes 19 float32 = 152 bytes,
// exactly what that copy moves per cell, so copy cells/s = the MLUPS bound. (The SIMD sweep also
// reads one 4-byte info word per cell, fluid flag + wall links, which the bound does not count; it is
// still the two-buffer pull scheme: 152 bytes of populations per update.)
//
// Figures are per core (single-threaded) and measured on a LOADED shared machine: wall-clock rates
// are printed next to CPU-time rates (process.cpuUsage), which are less sensitive to other processes.
//
// Env: VSEOUL_CITY_DIR = an existing city build to read (else one is built into a temp dir);
// WIND_BENCH_MAX_STEPS = step limit of the steady-state run (default: the engine's, 4 flow-throughs).
import os from 'node:os';
import { D3Q19 } from '../../workers/wind/d3q19.js';
import { voxelizeDsm } from '../../workers/wind/voxelize.js';
import { simulateWind } from '../../workers/wind/windEngine.js';
import { areaSurface, benchCityDir } from '../support/testCity.js';
import type { Bench, Figure } from './figures.js';

const SIDE = 1000;
const CELL = 4;
const HEIGHT = 120;
const BYTES_PER_UPDATE = 19 * 4 * 2;

function cpuMs(): number {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
}

export const windBench: Bench = {
  name: 'wind',
  description: `D3Q19 wind, 1 km x 1 km of the real Cheonggyecheon DSM at ${CELL} m x ${HEIGHT} m (250 x 250 x 30): MLUPS per core vs streaming-copy bandwidth bound; time to steady state`,
  async run(): Promise<Figure[]> {
    const build = await benchCityDir('windbench');
    try {
      const dsm = await areaSurface(build.root, 'cheonggyecheon');
      const info = dsm;
      const w = info.width * info.cellSize;
      const h = info.height * info.cellSize;
      if (w < SIDE || h < SIDE) throw new Error(`the ${info.area} DSM is ${w} m x ${h} m, smaller than ${SIDE} m x ${SIDE} m in one piece`);
      const minX = info.originX + Math.floor((w - SIDE) / 2);
      const maxY = info.originY - Math.floor((h - SIDE) / 2);
      const area = { minX, maxX: minX + SIDE, maxY, minY: maxY - SIDE };
      const size = `${SIDE / CELL} x ${SIDE / CELL} x ${HEIGHT / CELL} cells (${info.area} DSM, central 1 km x 1 km)`;
      console.log(
        `input: ${info.area} DSM ${info.width} x ${info.height} at ${info.cellSize} m; area x ${area.minX}..${area.maxX}, y ${area.minY}..${area.maxY} (EPSG:5186)`,
      );

      // Kernel rate on the real lattice: short warm-up, then timed steps.
      const city = voxelizeDsm(dsm, area, CELL, HEIGHT / CELL);
      const solver = new D3Q19({
        nx: city.nx,
        ny: city.ny,
        nz: city.nz,
        tau0: 0.51,
        smagorinsky: 0.16,
        solid: city.solid,
        sides: { xMin: 'inlet', xMax: 'outflow', yMin: 'inlet', yMax: 'inlet' },
        inflow: (z) => [0.1 * Math.pow((z + 0.5) / city.nz, 0.25), 0, 0],
      });
      const fluid = solver.fluidCells;
      solver.step(10);
      const STEPS = 60;
      let c0 = cpuMs();
      let t0 = performance.now();
      solver.step(STEPS);
      const kernelWall = (fluid * STEPS) / (performance.now() - t0) / 1000;
      const kernelCpu = (fluid * STEPS) / (cpuMs() - c0) / 1000;

      // Streaming-copy bound over exactly the solver's arrays.
      const { src, dst } = solver.buffers;
      const cells = src[0].length;
      for (let k = 0; k < 19; k++) dst[k].set(src[k]);
      const COPIES = 20;
      c0 = cpuMs();
      t0 = performance.now();
      for (let r = 0; r < COPIES; r++) for (let k = 0; k < 19; k++) dst[k].set(src[k]);
      const copyWallMs = performance.now() - t0;
      const copyCpuMs = cpuMs() - c0;
      const bwWall = (cells * COPIES * BYTES_PER_UPDATE) / copyWallMs / 1e6; // GB/s
      const bwCpu = (cells * COPIES * BYTES_PER_UPDATE) / copyCpuMs / 1e6;
      const boundWall = (bwWall * 1e3) / BYTES_PER_UPDATE; // MLUPS
      const boundCpu = (bwCpu * 1e3) / BYTES_PER_UPDATE;
      console.log(`kernel: ${kernelWall.toFixed(2)} MLUPS wall, ${kernelCpu.toFixed(2)} MLUPS per CPU-second (${fluid} fluid cells, ${STEPS} steps)`);
      console.log(
        `copy bound: ${bwWall.toFixed(2)} GB/s wall -> ${boundWall.toFixed(1)} MLUPS; ${bwCpu.toFixed(2)} GB/s per CPU-second -> ${boundCpu.toFixed(1)} MLUPS`,
      );
      console.log(
        `ratio (goal >= 30%): ${((kernelWall / boundWall) * 100).toFixed(1)}% wall, ${((kernelCpu / boundCpu) * 100).toFixed(1)}% CPU-time; the sweep moves ${BYTES_PER_UPDATE} B of populations + 4 B of cell info per update (${((kernelWall * (BYTES_PER_UPDATE + 4)) / 1e3).toFixed(2)} GB/s), load average ${os.loadavg()[0].toFixed(2)}`,
      );

      // Steady state with the engine's defaults.
      const maxSteps = process.env.WIND_BENCH_MAX_STEPS ? Number(process.env.WIND_BENCH_MAX_STEPS) : undefined;
      c0 = cpuMs();
      let lastLog = 0;
      const r = await simulateWind(
        { dsm, area, directionDeg: 270, speed: 5, cellSize: CELL, height: HEIGHT, maxSteps },
        {
          onProgress: (_f, stage) => {
            if (performance.now() - lastLog > 30_000) {
              lastLog = performance.now();
              console.log(stage);
            }
          },
        },
      );
      const runCpuS = (cpuMs() - c0) / 1000;
      console.log(
        `steady-state run: ${r.steps} steps, ${r.steadiness} (residual ${r.residuals.at(-1)?.toExponential(2)}, block mean changes ${[...r.blockChanges].map((c) => (c * 100).toFixed(1) + '%').join(' ')}), ${r.seconds.toFixed(1)} s wall, ${runCpuS.toFixed(1)} s CPU; corridors ${r.corridors.length}`,
      );
      const ratio = (kernelWall / boundWall) * 100;
      return [
        {
          bench: 'wind',
          metric: 'D3Q19 MLUPS per core (wall, loaded machine)',
          value: kernelWall,
          unit: 'MLUPS',
          size,
          peer: 'streaming-copy bound (wall)',
          peer_value: boundWall,
        },
        {
          bench: 'wind',
          metric: 'D3Q19 MLUPS per CPU-second',
          value: kernelCpu,
          unit: 'MLUPS',
          size,
          peer: 'streaming-copy bound (CPU time)',
          peer_value: boundCpu,
        },
        { bench: 'wind', metric: 'share of the bandwidth bound (wall)', value: ratio, unit: '%', size },
        { bench: 'wind', metric: 'share of the bandwidth bound (CPU time)', value: (kernelCpu / boundCpu) * 100, unit: '%', size },
        { bench: 'wind', metric: 'streaming copy bandwidth (wall)', value: bwWall, unit: 'GB/s', size: `${cells} cells x 19 float32, 2 buffers` },
        {
          bench: 'wind',
          metric:
            r.steadiness === 'steady'
              ? 'wall time to steady state'
              : r.steadiness === 'statistical'
                ? 'wall time to statistically steady state'
                : `wall time for ${r.steps} steps (NOT steady)`,
          value: r.seconds,
          unit: 's',
          size: `${size}, ${r.steps} steps`,
        },
        { bench: 'wind', metric: 'CPU time of the steady-state run', value: runCpuS, unit: 's', size: `${size}, ${r.steps} steps` },
        { bench: 'wind', metric: 'MLUPS during the steady-state run (wall)', value: r.mlups, unit: 'MLUPS', size },
      ];
    } finally {
      build.remove();
    }
  },
};
