// The batch contract (common/batch/batchRun.ts): which analyses tile and with what halo, and which
// surface-model tiles an area takes, in order.
import { describe, expect, it } from 'vitest';
import { AREA_MARGIN_M } from '../../../common/analyses/analysisSpec.js';
import { parseTileName, tileBounds, tileHalo, tileName, tilesOfModel } from '../../../common/batch/batchRun.js';
import { parseBatchArea } from '../../../main/batch/planBatch.js';
import { progressLine } from '../../../main/batch/runStatus.js';

describe('batch halos', () => {
  it('ground sun: the 400 m window, stating how tall a surface it covers at the lowest sun', () => {
    const d = tileHalo({ type: 'sunHours' }, 27.37);
    expect(d.ok).toBe(true);
    if (!d.ok) return;
    expect(d.halo.metres).toBe(AREA_MARGIN_M);
    expect(d.halo.rule).toContain(`${(AREA_MARGIN_M * Math.tan((27.37 * Math.PI) / 180)).toFixed(1)} m`);
    expect(tileHalo({ type: 'sunHours' }, undefined).ok).toBe(false);
  });

  it('fire coverage and hazard ranking take their declared halo', () => {
    const fire = tileHalo({ type: 'fireCoverage' });
    const hazard = tileHalo({ type: 'hazardRanking' });
    expect(fire.ok && fire.halo.metres).toBe(0);
    expect(hazard.ok && hazard.halo.metres).toBe(50);
  });

  it('refuses rain flood, wind, river fill, viewshed and target shares with a reason', () => {
    for (const type of ['rainFlood', 'wind', 'riverFill', 'viewshed', 'targetShares'] as const) {
      const d = tileHalo({ type } as Parameters<typeof tileHalo>[0]);
      expect(d.ok, type).toBe(false);
      if (!d.ok) expect(d.reason, type).toMatch(/refuses|nothing to tile|no citywide grid/);
    }
  });
});

describe('batch tiles', () => {
  it('takes the model tiles an area touches, north to south and west to east', () => {
    const model: Array<[number, number]> = [
      [193, 552],
      [195, 554],
      [194, 554],
      [193, 554],
      [199, 551],
    ];
    const box = { minX: 193500, minY: 552500, maxX: 195500, maxY: 554500 };
    const tiles = tilesOfModel(model, (b) => b.minX < box.maxX && box.minX < b.maxX && b.minY < box.maxY && box.minY < b.maxY);
    expect(tiles.map(tileName)).toEqual(['193_554', '194_554', '195_554', '193_552']);
    expect(tileBounds([193, 552])).toEqual({ minX: 193000, minY: 552000, maxX: 194000, maxY: 553000 });
    expect(parseTileName('193_552')).toEqual([193, 552]);
    expect(() => parseTileName('193-552')).toThrow(/e_n/);
  });

  it('reads --area as seoul, a gu or a box', () => {
    expect(parseBatchArea(['seoul'])).toEqual({ kind: 'seoul' });
    expect(parseBatchArea(['gu', 'Jongno-gu'])).toEqual({ kind: 'gu', name: 'Jongno-gu' });
    expect(parseBatchArea(['126.9,37.5,127,37.6'])).toEqual({ kind: 'box', west: 126.9, south: 37.5, east: 127, north: 37.6 });
    expect(() => parseBatchArea(['127,37.6,126.9,37.5'])).toThrow(/--area/);
  });

  it('draws progress with done, running, failed and the ETA', () => {
    const line = progressLine(
      { runId: 'r', tiles: 10, done: 5, running: 2, failed: [{ tile: '1_1', error: 'x' }], waiting: 2, etaSeconds: 30, merged: false },
      10,
    );
    expect(line).toBe('[#####x....] 5/10 done, 2 running, 1 failed, 2 waiting, ETA 30 s');
  });
});
