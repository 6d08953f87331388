// The legend of an analysis raster: a small box (title, unit, colour bar, stop labels) in the
// lower-left legend stack, and the same legend drawn onto a 2D canvas for the PNG map export.
import { el, singleton } from '../dom.js';
import type { ColourRampSpec } from '../../../common/analyses/analysisSpec.js';
import { rgbCss } from '../../../common/analyses/colourRamps.js';

export interface LegendSpec {
  title: string;
  unit: string;
}

function label(value: number, unit: string): string {
  const abs = Math.abs(value);
  const text = abs >= 100 || Number.isInteger(value) ? value.toFixed(0) : abs >= 10 ? value.toFixed(1) : value.toFixed(2);
  return unit ? `${text} ${unit}` : text;
}

function gradientCss(ramp: ColourRampSpec): string {
  const s = ramp.stops;
  const lo = s[0].value,
    hi = s[s.length - 1].value;
  const pos = (v: number) => (hi > lo ? ((v - lo) / (hi - lo)) * 100 : 0);
  if (ramp.classes) {
    const parts = s.map((stop, i) => `${rgbCss(stop.colour)} ${(100 * i) / s.length}% ${(100 * (i + 1)) / s.length}%`);
    return `linear-gradient(to right, ${parts.join(', ')})`;
  }
  return `linear-gradient(to right, ${s.map((stop) => `${rgbCss(stop.colour)} ${pos(stop.value).toFixed(1)}%`).join(', ')})`;
}

/** Shows (or replaces) the legend box with this id; returns a function removing it. */
export function showLegendBox(id: string, legend: LegendSpec, ramp: ColourRampSpec, classLabels?: string[]): () => void {
  const boxId = `legend-${id}`;
  document.getElementById(boxId)?.remove();
  const title = el('div', { className: 'raster-legend-title', textContent: legend.unit ? `${legend.title} (${legend.unit})` : legend.title });
  const bar = el('div', { className: 'raster-legend-bar' });
  bar.style.background = gradientCss(ramp);
  const s = ramp.stops;
  const labels =
    classLabels ??
    (ramp.classes
      ? s.map((stop) => label(stop.value, legend.unit))
      : [s[0], s[Math.floor(s.length / 2)], s[s.length - 1]].map((stop) => label(stop.value, '')));
  const ticks = el('div', { className: 'raster-legend-ticks' }, ...labels.map((text) => el('span', { textContent: text })));
  const box = el('div', { id: boxId, className: 'raster-legend panel', dataset: { legend: id } }, title, bar, ticks);
  singleton('div', 'analysis-legends').append(box);
  return () => box.remove();
}

/** Draws a legend like the box at (x, y) on a 2D canvas; returns its height. */
export function drawLegend(ctx: CanvasRenderingContext2D, x: number, y: number, legend: LegendSpec, ramp: ColourRampSpec, classLabels?: string[]): number {
  const w = 180,
    h = 54;
  ctx.save();
  ctx.fillStyle = 'rgba(20, 24, 32, 0.85)';
  ctx.fillRect(x, y, w, h);
  ctx.fillStyle = '#fff';
  ctx.font = '12px sans-serif';
  ctx.textBaseline = 'top';
  ctx.fillText(legend.unit ? `${legend.title} (${legend.unit})` : legend.title, x + 6, y + 4, w - 12);
  const s = ramp.stops;
  const lo = s[0].value,
    hi = s[s.length - 1].value;
  const barX = x + 6,
    barW = w - 12;
  if (ramp.classes) {
    s.forEach((stop, i) => {
      ctx.fillStyle = rgbCss(stop.colour);
      ctx.fillRect(barX + (barW * i) / s.length, y + 20, barW / s.length, 12);
    });
  } else {
    const grad = ctx.createLinearGradient(barX, 0, barX + barW, 0);
    for (const stop of s) grad.addColorStop(hi > lo ? (stop.value - lo) / (hi - lo) : 0, rgbCss(stop.colour));
    ctx.fillStyle = grad;
    ctx.fillRect(barX, y + 20, barW, 12);
  }
  ctx.fillStyle = '#ddd';
  ctx.font = '10px sans-serif';
  const labels =
    classLabels ??
    (ramp.classes
      ? s.map((stop) => label(stop.value, legend.unit))
      : [s[0], s[Math.floor(s.length / 2)], s[s.length - 1]].map((stop) => label(stop.value, '')));
  labels.forEach((text, i) => {
    const tx = barX + (labels.length === 1 ? 0 : (barW * i) / (labels.length - 1));
    ctx.textAlign = i === 0 ? 'left' : i === labels.length - 1 ? 'right' : 'center';
    ctx.fillText(text, tx, y + 36);
  });
  ctx.restore();
  return h;
}
