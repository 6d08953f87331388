// District (gu) names on the map, from the districts ground layer's GeoJSON: one label per
// district at the centroid of its largest polygon, clamped to the terrain, in the UI language.
import { Cartesian2, Cartesian3, Color, HeightReference, LabelCollection, LabelStyle, VerticalOrigin, type Scene } from 'cesium';
import type { ReadFeature } from './geojson.js';
import { labelPoint } from './geojson.js';
import { language, onLanguageChange } from './i18n.js';

function districtName(properties: Record<string, unknown>): { ko: string; en: string } {
  const pick = (...keys: string[]) => {
    for (const k of keys) {
      const v = properties[k];
      if (typeof v === 'string' && v.trim()) return v.trim();
    }
    return '';
  };
  const ko = pick('name_ko', 'nameKo', 'name', 'NAME');
  const en = pick('name_en', 'nameEn', 'name_eng', 'NAME_ENG');
  return { ko: ko || en, en: en || ko };
}

export interface DistrictLabels {
  labels: LabelCollection;
  destroy(): void;
}

/** Adds the labels to the scene (hidden until `labels.show`); destroy() takes them off again. */
export function addDistrictLabels(scene: Scene, features: ReadFeature[]): DistrictLabels {
  const labels = scene.primitives.add(new LabelCollection({ scene })) as LabelCollection;
  labels.show = false;
  const named = features.map((f) => ({ f, name: districtName(f.properties), at: labelPoint(f) }));
  for (const { name, at, f } of named) {
    if (!at) {
      console.warn(`ground layer districts: feature ${f.id} has no area, label not drawn`);
      continue;
    }
    labels.add({
      position: Cartesian3.fromDegrees(at[0], at[1]),
      heightReference: HeightReference.CLAMP_TO_GROUND,
      text: name[language()],
      font: '600 15px "Noto Sans CJK KR", "Noto Sans KR", "Malgun Gothic", sans-serif',
      fillColor: Color.WHITE,
      outlineColor: Color.fromCssColorString('#202020'),
      outlineWidth: 3,
      style: LabelStyle.FILL_AND_OUTLINE,
      verticalOrigin: VerticalOrigin.BOTTOM,
      pixelOffset: new Cartesian2(0, -4),
      // Names stay readable over terrain and buildings.
      disableDepthTestDistance: Number.POSITIVE_INFINITY,
      id: { layer: 'districts', featureId: f.id },
    });
  }
  const offLanguage = onLanguageChange((lang) => {
    let i = 0;
    for (const { at, name } of named) {
      if (!at) continue;
      labels.get(i++).text = name[lang];
    }
    scene.requestRender();
  });
  return {
    labels,
    destroy() {
      offLanguage();
      scene.primitives.remove(labels);
    },
  };
}
