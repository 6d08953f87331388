// The Plan tab: place proposals (box, extruded polygon, glTF model), edit the selected one, save
// the scenario as JSON and load one (checked against the scenario schema, common/scenario/scenarioSchema.ts, in the worker;
// problems are listed with the field they concern).
import { Cartesian3, Color, type Entity } from 'cesium';
import { DEFAULT_FLOOR_HEIGHT, type Proposal } from '../../../common/scenario/scenarioFormat.js';
import { gltfBounds } from '../../../workers/planning/gltfBounds.js';
import { runAnalysis } from '../analysis/analysisClient.js';
import { button, el, on } from '../dom.js';
import { field, numberInput, type AnalysisContext, type ToolPanel } from '../analysis/analysisContext.js';
import { Disposer } from '../lifetime.js';
import { analysisText } from '../analysis/analysisText.js';
import { downloadBlob } from '../analysis/exports.js';
import { visibleArea } from '../analysis/analysisArea.js';
import { drawProposals } from './proposalEntities.js';
import { setUpProposalEditing } from './proposalEditing.js';

const DEFAULT_FLOORS = 20;
const round6 = (v: number) => Math.round(v * 1e6) / 1e6;

export function planningPanel(ctx: AnalysisContext): ToolPanel {
  const { store, input, viewer } = ctx;
  const life = new Disposer();
  const root = el('div', { id: 'plan-panel' });
  const hint = el('p', { className: 'analysis-hint', id: 'plan-hint' });
  const problems = el('ul', { className: 'analysis-problems', id: 'plan-problems' });
  const list = el('ul', { className: 'proposal-list', id: 'proposal-list' });
  const editor = el('div', { id: 'proposal-editor' });
  const newFloors = numberInput('plan-new-floors', DEFAULT_FLOORS, 1, 200);
  const showProblems = (lines: string[], title?: string) => {
    problems.replaceChildren(...(title ? [el('li', { className: 'title', textContent: title })] : []), ...lines.map((l) => el('li', { textContent: l })));
  };
  life.add(drawProposals(viewer, store, (line) => showProblems([line])));
  life.add(setUpProposalEditing(store, input));
  // Models placed in this session are read from blob URLs this tab made.
  life.add(() => {
    for (const url of store.modelUrls.values()) URL.revokeObjectURL(url);
  });

  const stopPlacing = () => {
    input.release('plan');
    hint.textContent = '';
    for (const e of sketch.splice(0)) viewer.entities.remove(e);
    viewer.scene.requestRender();
  };
  const sketch: Entity[] = [];
  life.add(stopPlacing);

  const placeBox = () => {
    hint.textContent = analysisText('clickToPlace');
    input.capture('plan', {
      click(p) {
        const floors = Math.max(1, Math.round(Number(newFloors.value) || DEFAULT_FLOORS));
        store.add({ kind: 'box', id: store.newId('box'), centre: [round6(p.lon), round6(p.lat)], width: 30, depth: 20, rotation: 0, floors });
        stopPlacing();
      },
    });
  };

  const placePolygon = () => {
    const ring: [number, number][] = [];
    hint.textContent = analysisText('clickPolygon');
    const finish = () => {
      if (ring.length >= 3) {
        const floors = Math.max(1, Math.round(Number(newFloors.value) || DEFAULT_FLOORS));
        store.add({ kind: 'polygon', id: store.newId('polygon'), ring: ring.slice(), floors });
      }
      offKey();
      life.forget(offKey);
      finishButton.remove();
      stopPlacing();
    };
    const offKey = life.add(
      on(document, 'keydown', (e) => {
        if (e.key === 'Enter') finish();
        if (e.key === 'Escape') {
          ring.length = 0;
          finish();
        }
      }),
    );
    const finishButton = button(analysisText('finish'), finish, { id: 'plan-finish' });
    hint.after(finishButton);
    input.capture('plan', {
      click(p) {
        ring.push([round6(p.lon), round6(p.lat)]);
        sketch.push(viewer.entities.add({ position: Cartesian3.fromDegrees(p.lon, p.lat, p.height + 1), point: { pixelSize: 7, color: Color.YELLOW } }));
        viewer.scene.requestRender();
      },
      doubleClick: finish,
    });
  };

  const fileInput = el('input', { type: 'file', accept: '.glb,.gltf,model/gltf-binary,model/gltf+json', id: 'plan-gltf-file', hidden: true });
  fileInput.addEventListener('change', async () => {
    const file = fileInput.files?.[0];
    fileInput.value = '';
    if (!file) return;
    let bounds;
    try {
      bounds = gltfBounds(new Uint8Array(await file.arrayBuffer()));
    } catch (err) {
      showProblems([`${file.name}: ${err instanceof Error ? err.message : String(err)}`], analysisText('badScenario'));
      return;
    }
    const url = URL.createObjectURL(file);
    hint.textContent = analysisText('clickGltf');
    input.capture('plan', {
      click(p) {
        const id = store.newId('model');
        store.modelUrls.set(id, url);
        store.modelBounds.set(id, bounds);
        store.add({ kind: 'gltf', id, uri: file.name, position: [round6(p.lon), round6(p.lat)], rotation: 0, scale: 1 });
        stopPlacing();
      },
    });
  });

  const loadInput = el('input', { type: 'file', accept: '.json,application/json', id: 'plan-load-file', hidden: true });
  loadInput.addEventListener('change', async () => {
    const file = loadInput.files?.[0];
    loadInput.value = '';
    if (!file) return;
    const result = await runAnalysis('checkScenario', { text: await file.text(), source: file.name });
    if (!result.ok) {
      showProblems(result.problems, `${analysisText('badScenario')} ${file.name}`);
      return;
    }
    store.load(result.scenario);
    const models = result.scenario.proposals.filter((p) => p.kind === 'gltf');
    showProblems(models.map((p) => `${p.id} (${(p as { uri: string }).uri}): ${analysisText('gltfReload')}`));
    hint.textContent = `${analysisText('loaded')}: ${result.scenario.name}`;
  });

  const save = () => {
    const scenario = store.toScenario(visibleArea(ctx));
    const name = `${scenario.name.replace(/[^\p{L}\p{N}_-]+/gu, '-').replace(/^-+|-+$/g, '') || 'scenario'}.json`;
    downloadBlob(new Blob([`${JSON.stringify(scenario, null, 2)}\n`], { type: 'application/json' }), name);
  };

  const nameInput = el('input', { type: 'text', id: 'plan-name', value: store.name });
  nameInput.addEventListener('change', () => {
    store.name = nameInput.value.trim() || 'Untitled scenario';
  });

  const renderList = () => {
    nameInput.value = store.name;
    if (!store.proposals.length) {
      list.replaceChildren(el('li', { className: 'analysis-hint', textContent: analysisText('noProposals') }));
    } else {
      list.replaceChildren(
        ...store.proposals.map((p) => {
          const b = el('button', {
            type: 'button',
            className: `proposal-item${p.id === store.selectedId ? ' selected' : ''}`,
            textContent: `${p.name ?? p.id} (${p.kind})`,
          });
          b.dataset.proposal = p.id;
          b.addEventListener('click', () => store.select(p.id));
          return el('li', {}, b);
        }),
      );
    }
    renderEditor();
  };

  const renderEditor = () => {
    const p = store.selected;
    if (!p) {
      editor.replaceChildren();
      return;
    }
    const rows: HTMLElement[] = [];
    const num = (key: string, label: string, value: number, min: number, max: number, apply: (v: number) => Partial<Proposal>, step = 1) => {
      const inp = numberInput(`proposal-${key}`, value, min, max, step);
      inp.addEventListener('change', () => {
        const v = Number(inp.value);
        if (Number.isFinite(v) && v >= min && v <= max) store.update(p.id, apply(v));
      });
      rows.push(field(label, inp));
    };
    if (p.kind === 'box') {
      num('width', analysisText('width'), p.width, 1, 2000, (v) => ({ width: v }));
      num('depth', analysisText('depth'), p.depth, 1, 2000, (v) => ({ depth: v }));
    }
    if (p.kind !== 'polygon') num('rotation', analysisText('rotation'), p.rotation ?? 0, -360, 360, (v) => ({ rotation: v }), 5);
    if (p.kind === 'gltf') num('scale', analysisText('scale'), p.scale ?? 1, 0.01, 1000, (v) => ({ scale: v }), 0.1);
    else {
      num(
        'floors',
        analysisText('floors'),
        p.floors ?? Math.max(1, Math.round((p.height ?? DEFAULT_FLOOR_HEIGHT) / (p.floorHeight ?? DEFAULT_FLOOR_HEIGHT))),
        1,
        200,
        (v) => ({ floors: Math.round(v), height: undefined }),
      );
      num(
        'height',
        analysisText('height'),
        p.height ?? (p.floors ?? 1) * (p.floorHeight ?? DEFAULT_FLOOR_HEIGHT),
        1,
        2000,
        (v) => ({ height: v, floors: undefined }),
        0.5,
      );
    }
    editor.replaceChildren(
      el('h3', { textContent: p.name ?? p.id }),
      ...rows,
      el('p', { className: 'analysis-hint', textContent: analysisText('keysHint') }),
      button(analysisText('delete'), () => store.remove(p.id), { id: 'proposal-delete' }),
    );
  };
  life.add(store.onChange(renderList));

  root.append(
    field(analysisText('scenarioName'), nameInput),
    el(
      'div',
      { className: 'analysis-buttons' },
      button(analysisText('addBox'), placeBox, { id: 'plan-add-box' }),
      button(analysisText('addPolygon'), placePolygon, { id: 'plan-add-polygon' }),
      button(analysisText('addGltf'), () => fileInput.click(), { id: 'plan-add-gltf' }),
      fileInput,
    ),
    field(analysisText('floors'), newFloors),
    hint,
    el('h3', { textContent: analysisText('proposals') }),
    list,
    editor,
    el(
      'div',
      { className: 'analysis-buttons' },
      button(analysisText('save'), save, { id: 'plan-save' }),
      button(analysisText('load'), () => loadInput.click(), { id: 'plan-load' }),
      loadInput,
    ),
    problems,
  );
  renderList();
  return { element: root, destroy: () => life.destroy() };
}
