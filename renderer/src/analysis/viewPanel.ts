// The View tab: pick a point (a building's window at a floor, its rooftop, or the ground), get the
// viewshed over the surface model to a radius, the visible share of the Han River, Namsan and
// Bukhansan per floor of that building, and a rendered view from the window.
import { Cartesian3, HeadingPitchRoll, Math as CesiumMath, type CesiumWidget } from 'cesium';
import type { ScenarioArea } from '../../../common/scenario/scenarioFormat.js';
import { groundLevel } from '../../../workers/planning/applyProposals.js';
import { toLonLat, toXY, ringCentre } from '../../../workers/planning/proposalGeometry.js';
import { windowPoint, type TargetSharesResult } from '../../../workers/view/targetShares.js';
import { defaultViewTargets, type ViewTarget } from '../../../workers/view/viewTargets.js';
import type { RasterGrid } from '../../../common/rasterGrid.js';
import { cityFileUrl } from '../cityUrl.js';
import { runAnalysis } from './analysisClient.js';
import { areaSurface, type AreaSurface } from './analysisArea.js';
import { button, el } from '../dom.js';
import { field, numberInput, tableOf, type AnalysisContext, type ToolPanel } from './analysisContext.js';
import { analysisText } from './analysisText.js';
import { VISIBILITY_RAMP } from './colourRamp.js';
import { footprintAt, loadFootprints, type Footprint } from './footprintSource.js';
import { errorText, isCancelled, startProgress } from './progressBar.js';
import { showRasterOverlay } from './rasterOverlay.js';

const FLOOR_M = 3.3;
let targetsCache: Promise<ViewTarget[]> | null = null;

/** Han River (from the build's water layer), Namsan and Bukhansan as sample points. */
export function viewTargets(ctx: AnalysisContext): Promise<ViewTarget[]> {
  targetsCache ??= (async () => {
    const water = ctx.manifest.layers.find((l) => l.id === 'water');
    const json = water ? ((await (await fetch(cityFileUrl(ctx.cityBaseUrl, ctx.manifest, water.path))).json()) as never) : ({ features: [] } as never);
    return defaultViewTargets(json);
  })();
  return targetsCache;
}

export interface Observer {
  x: number;
  y: number;
  z: number;
  building: Footprint | null;
  /** Grid azimuth (degrees) the window looks out to. */
  facing: number;
}

/** Where the eye is: the window of the floor on the facade nearest the point, the rooftop, or 1.5 m above the ground. */
export function observerFor(surface: RasterGrid, building: Footprint | null, x: number, y: number, floor: number, rooftop: boolean): Observer {
  const ground = groundLevel(surface, [[x, y]]) ?? 0;
  if (!building) return { x, y, z: ground + 1.5, building, facing: 0 };
  const [cx, cy] = ringCentre(building.ring);
  if (rooftop) return { x: cx, y: cy, z: ground + building.height + 1.5, building, facing: 0 };
  const w = windowPoint(building.ring, surface.cellSize, { x, y });
  const facing = (Math.atan2(w.x - cx, w.y - cy) * 180) / Math.PI;
  const floors = building.floors > 0 ? building.floors : Math.max(1, Math.floor(building.height / FLOOR_M));
  const f = Math.min(Math.max(1, floor), floors);
  return { x: w.x, y: w.y, z: ground + (f - 0.5) * (building.height / floors), building, facing };
}

/** A picture of the scene from the eye (the main camera moved there for one frame, then put back). */
export async function viewFromWindow(viewer: CesiumWidget, eye: Observer): Promise<string> {
  const [lon, lat] = toLonLat([eye.x, eye.y]);
  const n = (await runAnalysis('geoidHeights', { lonLat: [lon, lat] }))[0];
  const camera = viewer.camera;
  const saved = { position: camera.position.clone(), heading: camera.heading, pitch: camera.pitch, roll: camera.roll, frustum: camera.frustum.clone() };
  camera.setView({
    destination: Cartesian3.fromDegrees(lon, lat, eye.z + n),
    orientation: new HeadingPitchRoll(CesiumMath.toRadians(eye.facing), CesiumMath.toRadians(-5), 0),
  });
  const url = await new Promise<string>((resolve) => {
    let frames = 0;
    const remove = viewer.scene.postRender.addEventListener(() => {
      // A few frames so tiles near the new eye can load their first level of detail.
      if (++frames < 4) {
        viewer.scene.requestRender();
        return;
      }
      remove();
      resolve(viewer.scene.canvas.toDataURL('image/png'));
    });
    viewer.scene.requestRender();
  });
  camera.setView({ destination: saved.position, orientation: { heading: saved.heading, pitch: saved.pitch, roll: saved.roll } });
  viewer.scene.requestRender();
  return url;
}

export function sharesTable(r: TargetSharesResult, after?: TargetSharesResult): HTMLTableElement {
  const headers = [analysisText('floor'), ...r.targets.flatMap((t) => (after ? [`${t}`, 'Δ'] : [t]))];
  const rows = r.rows.map((row, i) => [
    row.label,
    ...row.shares.flatMap((s, k) => (after ? [`${Math.round(s * 100)}%`, `${Math.round((after.rows[i].shares[k] - s) * 100)}`] : [`${Math.round(s * 100)}%`])),
  ]);
  return tableOf(headers, rows, 'analysis-table target-shares');
}

export function viewPanel(ctx: AnalysisContext): ToolPanel {
  const hint = el('p', { className: 'analysis-hint', id: 'view-hint' });
  const pickedLabel = el('p', { className: 'analysis-picked', id: 'view-point' });
  const floor = numberInput('view-floor', 10, 1, 200);
  const rooftop = el('input', { type: 'checkbox', id: 'view-rooftop' });
  const radius = numberInput('view-radius', 500, 50, 3000, 50);
  const withProposals = el('input', { type: 'checkbox', id: 'view-with-proposals', checked: true });
  const status = el('div', { className: 'analysis-status-box', id: 'view-status' });
  const results = el('div', { id: 'view-results' });
  let point: [number, number] | null = null;
  let busy = false;

  const pick = () => {
    hint.textContent = analysisText('pickHint');
    ctx.input.capture('view', {
      click(p) {
        point = [p.lon, p.lat];
        ctx.input.release('view');
        hint.textContent = '';
        pickedLabel.textContent = `${p.lon.toFixed(5)}, ${p.lat.toFixed(5)}`;
      },
    });
  };

  const run = async () => {
    if (busy || !point) {
      if (!point) hint.textContent = analysisText('pickHint');
      return;
    }
    busy = true;
    const progress = startProgress(status, analysisText('viewshed'));
    try {
      const r = Number(radius.value) || 500;
      const [x, y] = toXY(point);
      const dLat = r / 111_000,
        dLon = r / (111_000 * Math.cos((point[1] * Math.PI) / 180));
      const area: ScenarioArea = { west: point[0] - dLon, east: point[0] + dLon, south: point[1] - dLat, north: point[1] + dLat };
      const surface: AreaSurface = await areaSurface(ctx, area, withProposals.checked, progress.signal);
      const dsm = surface.after ?? surface.before;
      const footprints = await loadFootprints(ctx.manifest, ctx.cityBaseUrl);
      const building = footprints ? footprintAt(footprints, x, y) : null;
      const eye = observerFor(dsm, building, x, y, Number(floor.value) || 1, rooftop.checked);
      const v = await runAnalysis(
        'computeViewshed',
        { dsm, observer: { x: eye.x, y: eye.y, absoluteHeight: eye.z }, radius: r },
        { signal: progress.signal, onProgress: progress.onProgress },
      );
      await showRasterOverlay(ctx.viewer, {
        id: 'viewshed',
        grid: v.visibility,
        ramp: VISIBILITY_RAMP,
        legend: { title: analysisText('viewshed'), unit: '' },
        classLabels: [analysisText('hidden'), analysisText('visible')],
      });
      ctx.results.setRaster({ id: 'viewshed', label: analysisText('viewshed'), grid: v.visibility });
      const parts: HTMLElement[] = [];
      if (building) {
        const targets = await viewTargets(ctx);
        const shares = await runAnalysis(
          'computeTargetShares',
          { dsm, building: { ring: building.ring, height: building.height, floors: building.floors || undefined }, window: { x: eye.x, y: eye.y }, targets },
          { signal: progress.signal },
        );
        parts.push(el('h3', { textContent: `${analysisText('targetShares')} — ${building.id}` }), sharesTable(shares));
        ctx.results.setTable(
          `target-shares-${building.id.replace(/[^A-Za-z0-9_-]+/g, '_')}`,
          shares.rows.map((row) => Object.fromEntries([['floor', row.label], ['eyeZ', row.z], ...shares.targets.map((t, k) => [t, row.shares[k]])])),
        );
      }
      progress.done(`${analysisText('done')}: ${analysisText('viewshed')} ${r} m, eye ${eye.z.toFixed(1)} m`);
      const img = el('img', { className: 'window-view', id: 'view-window-image', alt: analysisText('windowView') });
      parts.push(el('h3', { textContent: analysisText('windowView') }), img);
      results.replaceChildren(...parts);
      img.src = await viewFromWindow(ctx.viewer, eye);
    } catch (err) {
      progress.done(isCancelled(err) ? analysisText('cancelled') : errorText(err));
    } finally {
      busy = false;
    }
  };

  const element = el(
    'div',
    { id: 'view-panel' },
    el('div', { className: 'analysis-buttons' }, button(analysisText('pickPoint'), pick, { id: 'view-pick' })),
    hint,
    pickedLabel,
    el('div', { className: 'analysis-form' }, field(analysisText('floor'), floor), field(analysisText('radius'), radius)),
    el('label', { className: 'analysis-check' }, rooftop, el('span', { textContent: analysisText('rooftop') })),
    el('label', { className: 'analysis-check' }, withProposals, el('span', { textContent: analysisText('withProposals') })),
    el(
      'div',
      { className: 'analysis-buttons' },
      button(analysisText('run'), () => void run(), { id: 'view-run' }),
    ),
    status,
    results,
  );
  return {
    element,
    destroy() {
      ctx.input.cancel('view');
    },
  };
}
