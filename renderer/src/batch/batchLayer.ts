// A finished batch run's raster output opened as a map layer: its mosaic index read from the host,
// drawn in the analysis's declared ramp and legend (declaredOutputs.ts) through BatchImageryProvider,
// which reads only the tiles near the camera. destroy() removes the imagery, the legend and every
// grid it holds.
import { ImageryLayer, TextureMagnificationFilter, TextureMinificationFilter, type CesiumWidget, type ImageryProvider } from 'cesium';
import { batchFileRoute, type BatchMosaic, type BatchRunInfo } from '../../../common/api/batchContract.js';
import { parametersOf, type AnalysisEntryOf, type AnalysisType } from '../../../common/analyses/analyses.js';
import { readPlainGeoTiff } from '../../../workers/grid/plainGeoTiff.js';
import { outputStyle } from '../analysis/declaredOutputs.js';
import { showLegendBox } from '../analysis/rasterLegend.js';
import { onLanguageChange } from '../i18n.js';
import { Disposer } from '../lifetime.js';
import type { LayerState, MapLayer } from '../mapLayer.js';
import { BatchImageryProvider } from './batchImagery.js';
import { batchText } from './batchText.js';
import { BatchTileSource } from './batchTileSource.js';

async function fetchOk(url: string): Promise<Response> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: the host answered ${response.status}`);
  return response;
}

export class BatchResultLayer implements MapLayer {
  readonly id: string;
  state: LayerState = 'loading';
  problem: string | null = batchText('loading');
  visible = true;
  /** The imagery, once opened (pending / drawn imagery tiles). */
  provider: BatchImageryProvider | null = null;
  private imagery: ImageryLayer | null = null;
  private readonly life = new Disposer();

  constructor(
    private readonly viewer: CesiumWidget,
    readonly run: BatchRunInfo,
    readonly output: string,
    /** Called when the layer's state changes (the layer list re-renders). */
    private readonly changed: () => void,
    /** Called when an imagery tile starts or ends painting. */
    private readonly drawing: () => void,
  ) {
    this.id = `batch-${run.runId}-${output}`;
  }

  label(): string {
    return batchText('layer', { run: this.run.runId, output: this.output });
  }

  /** Reads the mosaic index and adds the imagery and legend; a failure leaves the layer 'failed' with the reason. */
  async open(): Promise<void> {
    try {
      const { runId, analysis } = this.run;
      if (!analysis) throw new Error(`run ${runId}: no analysis in its summary`);
      const mosaic = (await (await fetchOk(batchFileRoute(runId, 'mosaic.json'))).json()) as BatchMosaic;
      const tiles = mosaic.outputs[this.output]?.tiles;
      if (!tiles?.length) throw new Error(`run ${runId}: no tiles of ${this.output}`);
      if (this.life.destroyed) return;
      const load = async (path: string) => readPlainGeoTiff(await (await fetchOk(batchFileRoute(runId, path))).arrayBuffer(), path);
      const source = new BatchTileSource(tiles, mosaic.cellSize, load);
      this.life.add(() => source.destroy());
      const style = () => outputStyle(analysis.type, this.output, parametersOf(analysis as AnalysisEntryOf<AnalysisType>));
      const provider = new BatchImageryProvider(source, style(), this.drawing);
      this.provider = provider;
      this.life.add(() => provider.destroy());
      // Nearest filtering keeps cell edges crisp when zoomed in, as the analysis tabs draw them.
      const layer = new ImageryLayer(provider as unknown as ImageryProvider, {
        magnificationFilter: TextureMagnificationFilter.NEAREST,
        minificationFilter: TextureMinificationFilter.NEAREST,
        show: this.visible,
      });
      this.viewer.imageryLayers.add(layer);
      this.imagery = layer;
      this.life.add(() => {
        this.imagery = null;
        this.viewer.imageryLayers.remove(layer, true);
        this.viewer.scene.requestRender();
      });
      this.life.add(
        onLanguageChange(() => {
          const s = style();
          showLegendBox(this.id, { ...s.legend, title: `${s.legend.title} · ${runId}` }, s.ramp, s.classLabels);
          this.showLegend(this.visible);
        }),
      );
      this.life.add(() => document.getElementById(`legend-${this.id}`)?.remove());
      this.state = 'ready';
      this.problem = null;
    } catch (err) {
      this.state = 'failed';
      this.problem = err instanceof Error ? err.message : String(err);
    }
    this.changed();
  }

  private showLegend(visible: boolean): void {
    const box = document.getElementById(`legend-${this.id}`);
    if (box) box.hidden = !visible;
  }

  setVisible(visible: boolean): void {
    this.visible = visible;
    if (this.imagery) this.imagery.show = visible;
    this.showLegend(visible);
    this.viewer.scene.requestRender();
  }

  destroy(): void {
    this.life.destroy();
    this.provider = null;
  }
}
