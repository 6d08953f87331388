// Kiosk styles, injected only in kiosk mode (the Content-Security-Policy allows inline styles for
// Cesium's widgets anyway): desktop panels hidden, nothing selectable, no browser pinch-zoom of
// the page (touch-action: none; Cesium reads pinch and drag on the globe from pointer events
// itself), big touch targets, large bilingual captions.
import type { Remover } from '../lifetime.js';

const CSS = `
body.kiosk, body.kiosk * { user-select: none; -webkit-user-select: none; -webkit-touch-callout: none; }
html.kiosk, body.kiosk, body.kiosk #viewer, body.kiosk canvas { touch-action: none; overscroll-behavior: none; }
body.kiosk #side-panel, body.kiosk #fire-panel, body.kiosk #sensor-panel, body.kiosk #analysis-panel, body.kiosk .cesium-widget-credits { display: none !important; }
body.kiosk #building-info { font-size: 20px; max-width: 40vw; }
#kiosk-bar {
  position: absolute; z-index: 20; left: 50%; bottom: 24px; transform: translateX(-50%);
  display: flex; gap: 16px; padding: 12px; border-radius: 20px; background: rgba(16, 21, 28, 0.82);
}
#kiosk-bar button {
  min-width: 120px; min-height: 88px; padding: 8px 20px; border: 3px solid transparent; border-radius: 16px;
  background: #2b3440; color: #fff; font: inherit; font-size: 24px; font-weight: 700; cursor: pointer;
}
#kiosk-bar button[aria-pressed="true"] { background: #ff8a00; color: #10151c; }
#kiosk-bar button:disabled { opacity: 0.45; }
#kiosk-bar button small { display: block; font-size: 14px; font-weight: 400; }
#kiosk-caption {
  position: absolute; z-index: 20; left: 50%; top: 32px; transform: translateX(-50%); width: min(90vw, 1400px);
  padding: 20px 32px; border-radius: 20px; background: rgba(16, 21, 28, 0.78); color: #fff; text-align: center;
  pointer-events: none;
}
#kiosk-caption .primary { font-size: clamp(24px, 3.6vw, 56px); font-weight: 700; line-height: 1.2; }
#kiosk-caption .secondary { font-size: clamp(16px, 2.2vw, 34px); opacity: 0.85; margin-top: 8px; }
/* Result legends (sunlight hours, flood depth) readable from a step back, clear of the button bar. */
body.kiosk #analysis-legends { left: 24px; bottom: 150px; }
body.kiosk .raster-legend { width: 320px; padding: 10px 14px; font-size: 18px; }
body.kiosk .raster-legend-bar { height: 18px; }
#kiosk-caption .hint { font-size: clamp(14px, 1.6vw, 24px); color: #ffb347; margin-top: 12px; }
`;

/** Returns the Remover taking the styles off again. */
export function installKioskStyles(): Remover {
  const style = document.createElement('style');
  style.id = 'kiosk-styles';
  style.textContent = CSS;
  document.head.append(style);
  document.documentElement.classList.add('kiosk');
  document.body.classList.add('kiosk');
  return () => {
    style.remove();
    document.documentElement.classList.remove('kiosk');
    document.body.classList.remove('kiosk');
  };
}
