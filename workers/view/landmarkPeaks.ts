// Summits of the named mountain targets of the view analysis. NOT from the shared data set: the
// shared data has no terrain beyond the two small SRTM patches, so these few figures are taken
// from public encyclopaedia entries, named per entry, and rounded as published. They are the only
// hand-entered values of the view analysis; replace them with a surveyed DEM when one is added.
export interface LandmarkPeak {
  /** Target name shown to users. */
  target: 'Namsan' | 'Bukhansan';
  peak: string;
  lon: number;
  lat: number;
  /** Orthometric metres (above mean sea level). */
  elevation: number;
  source: string;
}

export const LANDMARK_PEAKS: readonly LandmarkPeak[] = [
  {
    target: 'Namsan',
    peak: 'Namsan summit (N Seoul Tower hill)',
    // 37°32′59″N 126°59′31″E, 270 m. Other public figures for the same summit: 262 m, 265 m.
    lon: 126.99194,
    lat: 37.54972,
    elevation: 270,
    source: 'English Wikipedia, article "Namsan (Seoul)", infobox (elevation 270 m, coordinates 37°32′59″N 126°59′31″E)',
  },
  {
    target: 'Bukhansan',
    peak: 'Baegundae',
    // 37°39′31″N 126°58′40″E, 836.5 m (the highest of Bukhansan's three peaks).
    lon: 126.97778,
    lat: 37.65861,
    elevation: 836.5,
    source:
      'English Wikipedia, article "Bukhansan" (Baegundae 836.5 m); coordinates of the summit from the Dutch/Russian Wikipedia infobox (37°39′31″N 126°58′40″E)',
  },
];
