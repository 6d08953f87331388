// Tells Cesium where its workers and assets live before /cesium/Cesium.js loads.
// A separate file, not an inline script, because the Content-Security-Policy forbids inline scripts.
window.CESIUM_BASE_URL = '/cesium/';
