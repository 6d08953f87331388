// A small SVG time-series chart of one sensor's values of one quantity (no chart library).
import type { SdotQuantity } from '../../../common/sdot/sdotQuantities.js';
import type { SdotReading } from '../../../common/sdot/sdotReading.js';
import { svgEl } from '../dom.js';
import { seoulClock } from './sensorTime.js';

export function timeSeriesChart(history: SdotReading[], quantity: SdotQuantity, unit: string, width = 200, height = 90): SVGSVGElement {
  const svg = svgEl('svg', { width, height, viewBox: `0 0 ${width} ${height}`, class: 'sensor-chart', role: 'img' });
  const pts = history.filter((r) => r.values[quantity] !== undefined).map((r) => ({ t: Date.parse(r.time), v: r.values[quantity] as number }));
  svg.dataset.points = String(pts.length);
  if (pts.length === 0) return svg;
  const pad = { l: 30, r: 6, t: 6, b: 16 };
  const t0 = pts[0].t;
  const t1 = Math.max(pts[pts.length - 1].t, t0 + 1);
  let v0 = Math.min(...pts.map((p) => p.v));
  let v1 = Math.max(...pts.map((p) => p.v));
  if (v1 - v0 < 1e-9) {
    v0 -= 1;
    v1 += 1;
  }
  const x = (t: number) => pad.l + ((t - t0) / (t1 - t0)) * (width - pad.l - pad.r);
  const y = (v: number) => height - pad.b - ((v - v0) / (v1 - v0)) * (height - pad.t - pad.b);
  svg.append(svgEl('rect', { x: pad.l, y: pad.t, width: width - pad.l - pad.r, height: height - pad.t - pad.b, fill: 'rgba(255,255,255,0.06)' }));
  const line = svgEl('polyline', {
    points: pts.map((p) => `${x(p.t).toFixed(1)},${y(p.v).toFixed(1)}`).join(' '),
    fill: 'none',
    stroke: '#ffb74d',
    'stroke-width': 1.5,
  });
  svg.append(line);
  for (const p of pts) svg.append(svgEl('circle', { cx: x(p.t).toFixed(1), cy: y(p.v).toFixed(1), r: 2, fill: '#ffb74d' }));
  const label = (text: string, lx: number, ly: number, anchor = 'start') => {
    const t = svgEl('text', { x: lx, y: ly, fill: '#a9b3bf', 'font-size': 9, 'text-anchor': anchor });
    t.textContent = text;
    svg.append(t);
  };
  label(`${+v1.toFixed(1)}`, pad.l - 2, pad.t + 8, 'end');
  label(`${+v0.toFixed(1)}`, pad.l - 2, height - pad.b, 'end');
  label(unit, 2, height / 2);
  label(seoulClock(t0), pad.l, height - 3);
  label(seoulClock(t1), width - pad.r, height - 3, 'end');
  return svg;
}
