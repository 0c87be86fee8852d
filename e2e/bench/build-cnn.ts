// How long building the seed CNN (the Keras MNIST example: Conv2D 32 → MaxPool → Conv2D 64 → MaxPool →
// Conv2D 64 → Flatten → Dense 64 → Dense 10) from a blank canvas takes, scripted two ways: by keyboard
// with quick add (no mouse) and by drag and drop from the palette with the Inspector. Counts the user's
// actions (a key press, a typed word, a click, a drag) and checks the result has Keras' 93,322 params.
// Prints one JSON object. Run: npx tsx e2e/bench/build-cnn.ts
import { analyzeGraph, parseModelFile, summarize } from '../../engine';
import { AppPage } from '../support/app-page';
import { launchBrowser, openPage } from '../support/browser';
import { poll } from '../support/poll';
import { serveApp } from '../support/serve-app';

const KERAS_PARAMS = 93_322;

/** The seed CNN as quick-add lines: a type, then values for its parameters. */
const QUICK_ADD = [
  'conv 32 relu',
  'maxp',
  'conv 64 relu',
  'maxp',
  'conv 64 relu',
  'flatten',
  'dense 64 relu',
  'dense 10 softmax',
];

/** The same model as palette drops and Inspector edits (fields left at Keras' defaults are not set). */
const BY_MOUSE: [string, [string, string][]][] = [
  ['Conv2D', [['activation', 'relu']]],
  ['MaxPooling2D', []],
  [
    'Conv2D',
    [
      ['filters', '64'],
      ['activation', 'relu'],
    ],
  ],
  ['MaxPooling2D', []],
  [
    'Conv2D',
    [
      ['filters', '64'],
      ['activation', 'relu'],
    ],
  ],
  ['Flatten', []],
  ['Dense', [['activation', 'relu']]],
  [
    'Dense',
    [
      ['units', '10'],
      ['activation', 'softmax'],
    ],
  ],
];

/** Waits until a node stops moving (the canvas may glide to show a new layer). */
async function settled(node: ReturnType<AppPage['node']>): Promise<void> {
  let last = '';
  await poll(
    async () => {
      const box = JSON.stringify(await node.boundingBox());
      const same = box === last;
      last = box;
      return same;
    },
    Boolean,
    'the new layer to stop moving',
  );
}

async function blankDocument(app: AppPage): Promise<void> {
  await app.open();
  await app.waitForConnected();
  await app.newModel('Blank');
}

async function totalParams(app: AppPage): Promise<number> {
  const { text } = await app.save();
  const parsed = parseModelFile(text);
  if (!parsed.ok) throw new Error(parsed.issues[0]?.message);
  return summarize(analyzeGraph(parsed.model.graph)).total_params;
}

async function byKeyboard(app: AppPage): Promise<{ seconds: number; actions: number; params: number }> {
  const page = app.page;
  await blankDocument(app); // the blank canvas selects its InputLayer and takes the keyboard
  const start = Date.now();
  let actions = 0;
  for (const line of QUICK_ADD) {
    const before = await app.nodes().count();
    await page.keyboard.press('Space');
    await page.keyboard.type(line);
    await page.keyboard.press('Enter');
    actions += 3;
    await poll(
      () => app.nodes().count(),
      (n) => n === before + 1,
      `"${line}" to add a layer`,
    );
  }
  await poll(() => app.trainButton().isEnabled(), Boolean, 'Train to be enabled for the built CNN');
  const seconds = (Date.now() - start) / 1000;
  return { seconds, actions, params: await totalParams(app) };
}

async function byMouse(app: AppPage): Promise<{ seconds: number; actions: number; params: number }> {
  await blankDocument(app);
  await app.fitView();
  const start = Date.now();
  let actions = 0;
  let previous = app.node('input_layer');
  for (const [type, fields] of BY_MOUSE) {
    // Just below the previous layer, or at the top of a new column when the canvas runs out of room.
    const pane = await app.box(app.pane(), 'the canvas pane');
    const last = await app.box(previous, 'the previous layer');
    const below = last.y + last.height + 70;
    const at =
      below + 60 < pane.y + pane.height
        ? { x: last.x + last.width / 2 - pane.x, y: below - pane.y }
        : { x: last.x + last.width / 2 + 330 - pane.x, y: 90 };
    const node = await app.dragLayerToCanvas(type, at);
    await settled(node);
    await app.connect(previous, node);
    actions += 2;
    if (fields.length > 0) {
      await app.selectNode(node);
      actions += 1;
      for (const [label, value] of fields) {
        await app.setInspectorField(label, value);
        actions += (await app.inspectorField(label).evaluate((el) => el.tagName)) === 'SELECT' ? 1 : 2;
      }
    }
    previous = node;
  }
  await poll(() => app.trainButton().isEnabled(), Boolean, 'Train to be enabled for the built CNN');
  const seconds = (Date.now() - start) / 1000;
  return { seconds, actions, params: await totalParams(app) };
}

async function main(): Promise<void> {
  const served = await serveApp({ log: () => undefined });
  const browser = await launchBrowser();
  try {
    const results: Record<string, unknown> = {};
    for (const [name, run] of [
      ['keyboard', (app: AppPage) => byKeyboard(app)],
      ['mouse', (app: AppPage) => byMouse(app)],
    ] as const) {
      const opened = await openPage(browser);
      try {
        const result = await run(new AppPage(opened.page, served.url)).catch(async (error: unknown) => {
          await opened.page.screenshot({ path: `/tmp/build-cnn-${name}.png` });
          throw error;
        });
        if (result.params !== KERAS_PARAMS)
          throw new Error(`${name}: built ${result.params} params, Keras has ${KERAS_PARAMS}`);
        results[name] = result;
      } finally {
        await opened.close();
      }
    }
    console.log(JSON.stringify(results));
  } finally {
    await browser.close();
    await served.close();
  }
}

await main();
