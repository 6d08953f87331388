// The one Content-Security-Policy of the app, sent with every HTML response by the host (browser
// mode and Electron's vseoul:// protocol alike) and enforced again by the Electron entry.
//
// What Cesium needs and why:
// - script-src 'self' 'wasm-unsafe-eval': Cesium and its decoders (Draco, meshopt, KTX2/Basis)
//   compile WebAssembly; no 'unsafe-eval', no inline scripts.
// - worker-src 'self' blob:: Cesium starts its workers from Workers/*.js, some via blob: URLs.
// - img-src data: blob:: Cesium draws into canvases and loads images through blob URLs.
// - style-src 'unsafe-inline': Cesium widgets set inline styles.
// - connect-src 'self': tiles, terrain and the API come from the same origin. In Electron the
//   origin is vseoul://app, and the scheme is named as well so fetches from workers (whose origin
//   Chromium may report differently for custom schemes) are not refused.
export type ShellKind = 'browser' | 'electron';

export const APP_SCHEME = 'vseoul';

export function contentSecurityPolicy(shell: ShellKind): string {
  const connect = shell === 'electron' ? `'self' ${APP_SCHEME}:` : "'self'";
  const directives: Array<[string, string]> = [
    ['default-src', "'none'"],
    ['script-src', "'self' 'wasm-unsafe-eval'"],
    ['worker-src', "'self' blob:"],
    ['child-src', "'self' blob:"],
    ['style-src', "'self' 'unsafe-inline'"],
    ['img-src', "'self' data: blob:"],
    ['font-src', "'self' data:"],
    ['media-src', "'self' blob:"],
    ['connect-src', connect],
    ['manifest-src', "'self'"],
    ['object-src', "'none'"],
    ['frame-src', "'none'"],
    ['frame-ancestors', "'none'"],
    ['base-uri', "'none'"],
    ['form-action', "'none'"],
  ];
  return directives.map(([name, value]) => `${name} ${value}`).join('; ');
}

/**
 * Sent with every host response: the app uses no camera, microphone, location, payment or USB
 * device, so no page the host serves (nor anything it embeds) may ask for them. Fullscreen stays
 * allowed (the kiosk uses it).
 */
export const PERMISSIONS_POLICY = 'camera=(), microphone=(), geolocation=(), payment=(), usb=()';
