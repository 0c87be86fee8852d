// The Layerwise page object: every element the tests touch, found through the UI's selector contract
// (roles, labels, data-testid, React Flow classes). Waits poll with a message; no fixed sleeps.
import { readFile } from 'node:fs/promises';
import type { Locator, Page } from 'playwright-core';
import { poll } from './poll';
import { template as templateFile } from './templates';

export type Template =
  'MNIST CNN' | 'MNIST MLP' | 'LeNet-5' | 'Fashion-MNIST CNN with augmentation' | 'Blank';
const TEMPLATE_FILES = {
  'MNIST CNN': 'mnist-cnn',
  'MNIST MLP': 'mnist-mlp',
  'LeNet-5': 'lenet5',
  'Fashion-MNIST CNN with augmentation': 'fashion-cnn-augmented',
} as const;
export interface Point {
  readonly x: number;
  readonly y: number;
}

const exact = (text: string) => new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);

export class AppPage {
  constructor(
    readonly page: Page,
    readonly url: string,
  ) {}

  // ── loading and status ──
  async open(): Promise<this> {
    await this.page.goto(this.url);
    await this.visible(this.connectionStatus(), 'connection status (data-testid="connection-status")');
    return this;
  }

  connectionStatus(): Locator {
    return this.page.getByTestId('connection-status');
  }

  async waitForConnected(timeoutMs = 10_000): Promise<string> {
    return poll(
      async () => (await this.connectionStatus().textContent()) ?? '',
      (text) => /\bConnected\b/.test(text) && !/not connected|disconnected/i.test(text),
      'the connection status to say "Connected"',
      { timeoutMs },
    );
  }

  // ── toolbar ──
  button(name: string): Locator {
    return this.page.getByRole('button', { name, exact: true });
  }

  async newModel(template: Template): Promise<void> {
    await this.click(this.button('New'), 'toolbar button "New"');
    await this.click(
      this.page.getByRole('menuitem', { name: template, exact: true }),
      `New menu item "${template}"`,
    );
    // Blank is "a blank canvas with just an input" in this UI: allow that one InputLayer.
    if (template === 'Blank') {
      await poll(
        () => this.nodeCount(),
        (n) => n <= 1,
        'at most an InputLayer after New → Blank',
      );
      return;
    }
    const { name } = templateFile(TEMPLATE_FILES[template]);
    await poll(
      async () => (await this.documentTitle().textContent()) ?? '',
      (title) => title.includes(name),
      `the document title to show ${name} after New → ${template}`,
    );
    await poll(
      () => this.nodeCount(),
      (n) => n > 0,
      `the ${template} template's nodes to appear`,
    );
  }

  undo = () => this.click(this.button('Undo'), 'toolbar button "Undo"');
  redo = () => this.click(this.button('Redo'), 'toolbar button "Redo"');

  /** The model name shown in the toolbar. */
  documentTitle(): Locator {
    return this.page.getByTestId('document-title');
  }

  fileInput(): Locator {
    return this.page.locator('input[type=file][aria-label="Open model file"]');
  }

  /** Opens a model file through the hidden file input, as the Open button would. */
  async openModelFile(path: string): Promise<void> {
    const input = this.fileInput();
    await poll(
      () => input.count(),
      (n) => n > 0,
      'the file input labelled "Open model file" to exist',
    );
    await input.setInputFiles(path);
  }

  /** Clicks Save and returns the downloaded file. */
  async save(): Promise<{ filename: string; text: string }> {
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.click(this.button('Save'), 'toolbar button "Save"'),
    ]);
    const path = await download.path();
    return { filename: download.suggestedFilename(), text: await readFile(path, 'utf8') };
  }

  // ── palette and canvas ──
  palette(): Locator {
    return this.page.getByRole('region', { name: 'Layer palette' });
  }

  paletteItem(type: string): Locator {
    return this.page.getByTestId(`palette-item-${type}`);
  }

  pane(): Locator {
    return this.page.locator('.react-flow__pane');
  }

  nodes(): Locator {
    return this.page.locator('.react-flow__node');
  }

  edges(): Locator {
    return this.page.locator('.react-flow__edge');
  }

  /** Nodes on the canvas. */
  nodeCount = () => this.nodes().count();

  /** Clicks Fit view and waits until the rendered node count holds still for three readings. */
  async fitView(): Promise<number> {
    await this.click(this.button('Fit view'), 'toolbar button "Fit view"');
    const readings: number[] = [];
    return poll(
      async () => {
        readings.push(await this.nodeCount());
        const last = readings.slice(-3);
        return last.length === 3 && last.every((n) => n === last[0]) ? (last[0] as number) : -1;
      },
      (n) => n >= 0,
      'the rendered nodes to settle after Fit view',
      { intervalMs: 250 },
    );
  }

  async nodeIds(): Promise<string[]> {
    return this.nodes().evaluateAll((els) => els.map((el) => el.getAttribute('data-id') ?? ''));
  }

  async nodeTitles(): Promise<string[]> {
    const titles = await this.nodes().getByTestId('node-title').allTextContents();
    return titles.map((t) => t.trim());
  }

  /** A layer node by its id (data-id) or by its name (the node title). */
  node(idOrName: string): Locator {
    const byId = this.page.locator(`.react-flow__node[data-id="${idOrName.replace(/["\\]/g, '\\$&')}"]`);
    const byName = this.nodes().filter({
      has: this.page.getByTestId('node-title').filter({ hasText: exact(idOrName) }),
    });
    return byId.or(byName).first();
  }

  /** Drags a palette item onto the canvas at `at` (relative to the pane) and returns the new node. */
  async dragLayerToCanvas(type: string, at: Point): Promise<Locator> {
    const before = await this.nodeIds();
    const from = await this.box(
      this.paletteItem(type),
      `palette item "${type}" (data-testid="palette-item-${type}")`,
    );
    const pane = await this.box(this.pane(), 'the canvas pane (.react-flow__pane)');
    const mouse = this.page.mouse;
    await mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await mouse.down();
    await mouse.move(from.x + from.width / 2 + 10, from.y + from.height / 2, { steps: 2 });
    await mouse.move(pane.x + at.x, pane.y + at.y, { steps: 12 });
    await mouse.up();
    const ids = await poll(
      () => this.nodeIds(),
      (now) => now.some((id) => !before.includes(id)),
      `a ${type} node to appear after dropping palette-item-${type} on the canvas`,
    );
    return this.node(ids.find((id) => !before.includes(id)) as string);
  }

  /** Drags from the source's bottom handle to the target's top handle; waits for the new edge. */
  async connect(source: Locator, target: Locator): Promise<void> {
    const before = await this.edges().count();
    await this.dragBetweenHandles(source, target);
    await poll(
      () => this.edges().count(),
      (n) => n > before,
      'a new edge after dragging between the handles',
    );
  }

  async selectNode(node: Locator): Promise<void> {
    await this.click(node.getByTestId('node-title'), 'the node title (data-testid="node-title")');
    await this.showTab('Inspector');
    await this.visible(this.inspector(), 'the Inspector region');
  }

  /** Selects the node and deletes it with the Delete key (Backspace if Delete does nothing). */
  async deleteNode(node: Locator): Promise<void> {
    const before = await this.nodeCount();
    await this.selectNode(node);
    for (const key of ['Delete', 'Backspace']) {
      await this.page.keyboard.press(key);
      try {
        await poll(
          () => this.nodeCount(),
          (n) => n < before,
          `the node to be deleted by ${key}`,
          { timeoutMs: 2000 },
        );
        return;
      } catch (error) {
        if (key === 'Backspace') throw error;
      }
    }
  }

  nodeText = async (node: Locator, testId: 'node-shape' | 'node-params' | 'node-error' | 'node-title') =>
    ((await node.getByTestId(testId).textContent({ timeout: 5000 })) ?? '').trim();

  async waitForNodeText(
    node: Locator,
    testId: 'node-shape' | 'node-params' | 'node-error',
    expected: RegExp,
  ) {
    return poll(
      async () => (await node.getByTestId(testId).first().textContent()) ?? '',
      (text) => expected.test(text),
      `the node's ${testId} to match ${expected}`,
    );
  }

  // ── inspector and summary ──
  inspector(): Locator {
    return this.page.getByRole('region', { name: 'Inspector' });
  }

  inspectorField(label: string): Locator {
    return this.inspector().getByLabel(label, { exact: true });
  }

  async setInspectorField(label: string, value: string | number): Promise<void> {
    await this.fill(this.inspectorField(label), String(value), `Inspector field "${label}"`);
  }

  summary(): Locator {
    return this.page.getByRole('region', { name: 'Model summary' });
  }

  /** Selects a tab (side panel: Inspector, Summary; training dock: Charts, Results, Runs) if it exists. */
  async showTab(name: string): Promise<void> {
    const tab = this.page.getByRole('tab', { name, exact: true });
    if ((await tab.count()) > 0 && (await tab.first().getAttribute('aria-selected')) !== 'true')
      await tab.first().click();
  }

  async showSummary(): Promise<Locator> {
    await this.showTab('Summary');
    return this.visible(this.summary(), 'the Model summary region');
  }

  // ── training ──
  trainButton = () => this.button('Train');

  /** The training dock's one-line status bar (all of the dock while it is collapsed). */
  dockStatusBar(): Locator {
    return this.page.getByTestId('dock-status-bar');
  }

  /** The dock's open/hide button; its aria-expanded says whether the dock is open. */
  dockToggle(): Locator {
    return this.dockStatusBar().getByRole('button', { name: /^\W*(Show|Hide) training$/ });
  }

  /** Opens the training dock (settings, charts, results) if it is collapsed to its status bar. */
  async openDock(): Promise<void> {
    const toggle = await this.visible(this.dockToggle(), 'the training dock toggle in the status bar');
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
    await poll(
      () => toggle.getAttribute('aria-expanded'),
      (v) => v === 'true',
      'the training dock to open (aria-expanded="true" on its toggle)',
    );
  }

  /** Collapses the training dock to its one-line status bar. */
  async collapseDock(): Promise<void> {
    const toggle = await this.visible(this.dockToggle(), 'the training dock toggle in the status bar');
    if ((await toggle.getAttribute('aria-expanded')) === 'true') await toggle.click();
    await poll(
      () => toggle.getAttribute('aria-expanded'),
      (v) => v === 'false',
      'the training dock to collapse (aria-expanded="false" on its toggle)',
    );
  }

  async setTraining(options: {
    epochs?: number;
    batchSize?: number;
    limit?: number;
    threads?: number;
  }): Promise<void> {
    const fields: [string, number | undefined][] = [
      ['Epochs', options.epochs],
      ['Batch size', options.batchSize],
      ['Limit samples', options.limit],
      ['CPU threads', options.threads],
    ];
    if (fields.some(([, value]) => value !== undefined)) await this.openDock(); // the settings live in the dock
    for (const [label, value] of fields)
      if (value !== undefined)
        await this.fill(
          this.page.getByLabel(label, { exact: true }),
          String(value),
          `training field "${label}"`,
        );
  }

  async train(): Promise<void> {
    const button = this.trainButton();
    await poll(() => button.isEnabled(), Boolean, 'the Train button to be enabled');
    await button.click();
  }

  /** Why Train is disabled: its title, or the text of its aria-describedby elements. */
  async trainDisabledReason(): Promise<string> {
    const button = this.trainButton();
    const title = (await button.getAttribute('title')) ?? '';
    const ids = ((await button.getAttribute('aria-describedby')) ?? '').split(/\s+/).filter(Boolean);
    const described = await Promise.all(ids.map((id) => this.page.locator(`[id="${id}"]`).textContent()));
    return [...new Set([title, ...described].map((t) => (t ?? '').trim()).filter(Boolean))].join(' ');
  }

  progressBar(): Locator {
    return this.page.getByRole('progressbar', { name: 'Training progress' });
  }

  async progressValue(): Promise<number> {
    return Number(await this.progressBar().getAttribute('aria-valuenow'));
  }

  /** Points in a chart of the training dock (selecting its Charts tab first). */
  async chartPoints(testId: string): Promise<number> {
    await this.showTab('Charts');
    return Number(
      (await this.page.getByTestId(testId).getAttribute('data-points', { timeout: 2000 })) ?? NaN,
    );
  }

  waitForChartPoints(testId: string, min: number, timeoutMs = 60_000): Promise<number> {
    return poll(
      () => this.chartPoints(testId),
      (n) => n >= min,
      `chart ${testId} to have ≥ ${min} points`,
      {
        timeoutMs,
      },
    );
  }

  async waitForTestAccuracy(timeoutMs = 90_000): Promise<string> {
    const locator = this.page.getByTestId('test-accuracy');
    await this.showTab('Results'); // the results live in the training dock's Results tab
    await this.visible(locator, 'data-testid="test-accuracy" after training completes', timeoutMs);
    return ((await locator.textContent()) ?? '').trim();
  }

  // ── small helpers that name what was missing ──
  async visible(locator: Locator, what: string, timeoutMs?: number): Promise<Locator> {
    try {
      await locator.first().waitFor({ state: 'visible', ...(timeoutMs ? { timeout: timeoutMs } : {}) });
    } catch (error) {
      throw new Error(`UI element missing: ${what} (${(error as Error).message.split('\n')[0]})`);
    }
    return locator.first();
  }

  async click(locator: Locator, what: string): Promise<void> {
    await (await this.visible(locator, what)).click();
  }

  async fill(locator: Locator, value: string, what: string): Promise<void> {
    const field = await this.visible(locator, what);
    if ((await field.evaluate((el) => el.tagName)) === 'SELECT') await field.selectOption(value);
    else {
      await field.fill(value);
      await field.press('Enter');
      await field.blur();
    }
  }

  async box(locator: Locator, what: string) {
    const box = await (await this.visible(locator, what)).boundingBox();
    if (box === null) throw new Error(`UI element has no box: ${what}`);
    return box;
  }

  /** Switches the UI language with the toolbar's language select. */
  async setLanguage(code: 'en' | 'zh'): Promise<void> {
    await this.fill(this.page.locator('#language-select'), code, 'the language select');
  }

  /** The text under the Train button saying why it is disabled (by its class: its name is translated). */
  trainingReason = () => this.page.locator('.training-reason');

  // ── wiring (quick add, connect to, fixes, the not-connected hint) ──
  /** Drags from the source's bottom handle to the target's top handle without waiting for an edge. */
  async dragBetweenHandles(source: Locator, target: Locator): Promise<void> {
    const from = await this.box(
      source.locator('.react-flow__handle-bottom').first(),
      'source handle (bottom)',
    );
    const to = await this.box(target.locator('.react-flow__handle-top').first(), 'target handle (top)');
    const mouse = this.page.mouse;
    await mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await mouse.down();
    await mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 12 });
    await mouse.up();
  }

  /** The edges' accessible names ("Edge from conv2d to max_pooling2d"). */
  edgeLabels = () => this.edges().evaluateAll((els) => els.map((el) => el.getAttribute('aria-label') ?? ''));

  async waitForEdgeLabel(label: string): Promise<void> {
    await poll(
      () => this.edgeLabels(),
      (labels) => labels.includes(label),
      `an edge labelled "${label}"`,
    );
  }

  notice = () => this.page.getByTestId('notice');
  quickAdd = () => this.page.getByTestId('quick-add');
  connectPicker = () => this.page.getByTestId('connect-picker');
  notConnectedHint = () => this.page.getByTestId('not-connected-hint');
  /** The Diagnosis section under the training charts (findings and remedy buttons). */
  diagnosis = () => this.page.getByRole('region', { name: 'Diagnosis' });

  // ── looking inside the trained model (canvas views) ──
  /** The health badges on the canvas's nodes. */
  healthBadges = () => this.nodes().getByTestId('node-health');
  /** Each node with a badge: its title and level ("good", "warning", "problem"). */
  healthLevels = () =>
    this.nodes().evaluateAll((els) =>
      els.flatMap((el) => {
        const badge = el.querySelector('[data-testid="node-health"]');
        const title = el.querySelector('[data-testid="node-title"]')?.textContent ?? '';
        return badge ? [{ title, level: badge.getAttribute('data-level') ?? '' }] : [];
      }),
    );
  /** Switches the canvas view: "Health", "Time" or "Activations". */
  async setCanvasView(view: 'Health' | 'Time' | 'Activations'): Promise<void> {
    const group = this.page.getByRole('group', { name: 'Canvas view' });
    await this.click(group.getByRole('button', { name: view, exact: true }), `the canvas view "${view}"`);
  }
  /** Picks test image `index` (from 0) as the activations view's input. */
  async pickActivationsImage(index: number): Promise<void> {
    const image = this.page.getByTestId('inside-test-image').nth(index);
    await this.click(
      await this.visible(image, `test image ${index + 1} in the activations picker`, 30_000),
      `test image ${index + 1}`,
    );
  }
  /** Nodes showing an activation thumbnail, by title. */
  activationTitles = () =>
    this.nodes().evaluateAll((els) =>
      els
        .filter((el) => el.querySelector('[data-testid="node-activation"]'))
        .map((el) => el.querySelector('[data-testid="node-title"]')?.textContent ?? ''),
    );
  /** Draws one stroke through `points` (fractions of the pad's size) on the activations view's pad. */
  async drawOnPad(points: readonly Point[]): Promise<void> {
    const pad = this.page.getByTestId('inside-panel').getByRole('img', { name: 'Drawing pad' });
    const box = await this.box(pad, 'the drawing pad');
    const at = (p: Point) => [box.x + p.x * box.width, box.y + p.y * box.height] as const;
    const [first, ...rest] = points;
    if (first === undefined) return;
    await this.page.mouse.move(...at(first));
    await this.page.mouse.down();
    for (const p of rest) await this.page.mouse.move(...at(p), { steps: 8 });
    await this.page.mouse.up();
  }

  // ── comparing runs ──
  /** The Runs tab's table of the document's runs. */
  runsTable = () => this.page.locator('table.training-runs');
  /** The cells of a run's row in the Runs table, as text (the Select box's cell first). */
  runCells = (label: string): Promise<string[]> =>
    this.runsTable()
      .getByRole('row')
      .filter({ has: this.page.getByRole('rowheader', { name: label, exact: true }) })
      .getByRole('cell')
      .allTextContents();
  /** The comparison of two ticked runs, e.g. "Run 2 vs Run 1". */
  comparison = (newer: string, older: string) =>
    this.page.getByRole('region', { name: `${newer} vs ${older}` });
  /** Ticks two runs in the Runs tab and waits for their comparison. */
  async compareRuns(newer: string, older: string): Promise<Locator> {
    await this.showTab('Runs');
    for (const label of [newer, older]) {
      const box = this.page.getByRole('checkbox', { name: `Compare ${label}`, exact: true });
      await (await this.visible(box, `the Compare ${label} box`)).check();
    }
    return this.visible(this.comparison(newer, older), `the comparison of ${newer} and ${older}`);
  }
  /** The class list of a layer node's box on the canvas (is-diff-added, is-diff-changed...). */
  nodeClasses = async (idOrName: string): Promise<string[]> =>
    ((await this.node(idOrName).getByTestId('layer-node').getAttribute('class')) ?? '').split(/\s+/);
  /** Clicks a button that saves one file and returns its name and bytes (serve mode: a download). */
  async download(button: Locator, what: string): Promise<{ filename: string; bytes: Buffer }> {
    const [file] = await Promise.all([this.page.waitForEvent('download'), this.click(button, what)]);
    return { filename: file.suggestedFilename(), bytes: await readFile((await file.path()) as string) };
  }

  // ── bypass ──
  /** Whether the node is drawn bypassed (dimmed, with its "Bypassed" tag). */
  isBypassed = async (node: Locator): Promise<boolean> =>
    (await node.locator('.layer-node[data-bypassed]').count()) > 0 &&
    (await node.getByTestId('node-bypassed').isVisible());
  /** Waits until the node is (or is no longer) drawn bypassed. */
  waitForBypassed(node: Locator, bypassed: boolean, why: string): Promise<boolean> {
    return poll(
      () => this.isBypassed(node),
      (now) => now === bypassed,
      `${why}: the node to be drawn ${bypassed ? 'bypassed' : 'restored'}`,
    );
  }
  /** The open context menu of a layer. */
  nodeMenu = () => this.page.getByRole('menu', { name: /^Actions for / });
  /** Right-clicks the node's title and waits for its context menu. */
  async openNodeMenu(node: Locator): Promise<Locator> {
    await node.getByTestId('node-title').click({ button: 'right' });
    return this.visible(this.nodeMenu(), 'the layer context menu (role=menu "Actions for …")');
  }
  /** The summary's "Total params" figure (shows the Summary tab). */
  async summaryTotal(): Promise<string> {
    const summary = await this.showSummary();
    return ((await summary.getByTestId('summary-total').textContent()) ?? '').trim();
  }

  // ── adjusting a paused run ──
  /** The paused run's form ("Change while paused"), shown in place of the settings while paused. */
  pausedForm(): Locator {
    return this.page.getByRole('group', { name: 'Change while paused' });
  }

  /** Types a new value into a field of the paused run's form (e.g. "Learning rate"). */
  async setPausedField(label: string, value: string | number): Promise<void> {
    await this.fill(
      this.pausedForm().getByLabel(label, { exact: true }),
      String(value),
      `paused-run field "${label}"`,
    );
  }

  /** Applies the paused run's edits (the form's Apply); the run stays paused. */
  async applyAdjustment(): Promise<void> {
    await this.click(
      this.pausedForm().getByRole('button', { name: 'Apply', exact: true }),
      'the Apply button',
    );
  }

  /** The labels of the adjustment markers drawn on a chart of the dock (its Charts tab shown first). */
  async chartMarkerLabels(testId: string): Promise<string[]> {
    await this.showTab('Charts');
    return this.page.getByTestId(testId).locator('.training-chart__marker-label').allTextContents();
  }

  /** Waits until a chart shows a marker whose label contains `text`; returns every marker label. */
  waitForChartMarker(testId: string, text: string, timeoutMs = 30_000): Promise<string[]> {
    return poll(
      () => this.chartMarkerLabels(testId),
      (labels) => labels.some((l) => l.includes(text)),
      `chart ${testId} to show a marker labelled "${text}"`,
      { timeoutMs },
    );
  }
}
