// Switches for Debian's Chromium in the e2e tests and the soak: no sandbox (root in CI), WebGL2 on
// SwiftShader without a GPU (Chromium wants that risk acknowledged explicitly), and no network
// traffic of its own (no QUIC, updates, sync or first-run pages).
export const HEADLESS_CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--enable-unsafe-swiftshader',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
