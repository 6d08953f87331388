// The View tab: pick a point (a building's window at a floor, its rooftop, or the ground), get the
// viewshed over the surface model to a radius and the visible share of the Han River, Namsan and
// Bukhansan per floor of that building (the declared viewshed analysis: the worker finds the building
// and places the eye, workers/analyses/viewshedRunner.ts observerEye), and a rendered view from the eye.
import { Cartesian3, HeadingPitchRoll, Math as CesiumMath, type CesiumWidget } from 'cesium';
import type { AnalysisEntry } from '../../../common/analyses/analyses.js';
import type { LonLat } from '../../../common/analyses/analysisSpec.js';
import type { ScenarioArea } from '../../../common/scenario/scenarioFormat.js';
import type { Row } from '../../../common/tableFormats.js';
import type { ResultTable, Variant } from '../../../workers/analyses/declaredRun.js';
import { toLonLat } from '../../../workers/planning/proposalGeometry.js';
import { runAnalysis } from './analysisClient.js';
import { runDeclared, runProblems, withProblems, type DeclaredRunResult } from './analysisRun.js';
import { button, el } from '../dom.js';
import { field, numberInput, type AnalysisContext, type ToolPanel } from './analysisContext.js';
import { analysisText } from './analysisText.js';
import { columnsOf, outputTable, showOutput } from './declaredOutputs.js';
import { errorText, runFlow } from './progressBar.js';

/** Where the eye is (EPSG:5186, orthometric metres) and the grid azimuth it looks to. */
export interface Eye {
  x: number;
  y: number;
  z: number;
  facing: number;
}

/** A picture of the scene from the eye (the main camera moved there for one frame, then put back). */
export async function viewFromWindow(viewer: CesiumWidget, eye: Eye): Promise<string> {
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

/** A visible share as a percentage (a change in points), empty where the target has no samples. */
function shareCell(row: Row, key: string): string | undefined {
  const v = row[key];
  if (typeof v !== 'number' || key === 'eyeZ') return undefined;
  if (Number.isNaN(v)) return '';
  return key.endsWith(' change') ? `${Math.round(v * 100)}` : `${Math.round(v * 100)}%`;
}

/** The target shares table (one run's, or the joined before/after one) as the page shows it. */
export function sharesTable(table: ResultTable, joined: boolean): HTMLTableElement {
  return outputTable(columnsOf('viewshed', 'targetShares', joined), table.rows, {
    omit: ['building', 'eyeZ'],
    cell: shareCell,
    className: 'analysis-table target-shares',
  });
}

/** A square of `radius` metres around the point: the viewshed's area. */
function areaAround([lon, lat]: LonLat, radius: number): ScenarioArea {
  const dLat = radius / 111_000,
    dLon = radius / (111_000 * Math.cos((lat * Math.PI) / 180));
  return { west: lon - dLon, east: lon + dLon, south: lat - dLat, north: lat + dLat };
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
  const flow = runFlow(status, { cancelled: () => analysisText('cancelled') });
  let point: LonLat | null = null;
  /** The last run's request and result, for the e2e check against the headless run (read, never mutated there). */
  let last: { analysis: AnalysisEntry; area: ScenarioArea; variant: Variant; result: DeclaredRunResult } | null = null;

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

  const run = () => {
    if (!point) {
      hint.textContent = analysisText('pickHint');
      return;
    }
    const observer = point;
    return flow.run(analysisText('viewshed'), async (progress) => {
      const r = Number(radius.value) || 500;
      const analysis = { type: 'viewshed' as const, observer, floor: Number(floor.value) || 1, rooftop: rooftop.checked, radius: r };
      const area = areaAround(observer, r);
      const variant = withProposals.checked ? 'after' : 'before';
      const result = await runDeclared(ctx, analysis, area, variant, progress);
      last = { analysis, area, variant, result };
      await showOutput(ctx, 'viewshed', 'viewshed', 'visibility', result.rasters.visibility, analysis, { exportId: 'viewshed' });
      const parts: HTMLElement[] = [];
      const shares = result.tables.targetShares;
      const building = String(result.facts.observerBuilding ?? '');
      if (shares && building) {
        parts.push(el('h3', { textContent: `${analysisText('targetShares')} — ${building}` }), sharesTable(shares, false));
        ctx.results.setTable(`target-shares-${building.replace(/[^A-Za-z0-9_-]+/g, '_')}`, shares.rows);
      }
      const img = el('img', { className: 'window-view', id: 'view-window-image', alt: analysisText('windowView') });
      parts.push(el('h3', { textContent: analysisText('windowView') }), img);
      results.replaceChildren(...parts);
      const eye = { x: Number(result.facts.eyeX), y: Number(result.facts.eyeY), z: Number(result.facts.observerZ), facing: Number(result.facts.facing) };
      void viewFromWindow(ctx.viewer, eye).then(
        (url) => (img.src = url),
        (err: unknown) => (img.alt = errorText(err)),
      );
      return withProblems(`${analysisText('done')}: ${analysisText('viewshed')} ${r} m, eye ${eye.z.toFixed(1)} m`, runProblems(result));
    });
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
  (element as HTMLElement & { viewRun?: () => typeof last }).viewRun = () => last;
  return {
    element,
    destroy() {
      ctx.input.cancel('view');
    },
  };
}
