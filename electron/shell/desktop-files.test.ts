// The native file dialogs' back end, with the dialogs faked and a real temporary folder.
import { mkdir, mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../engine/api/contract';
import { compileGraph } from '../../engine/compile';
import { EXPORT_FORMATS, exportModel, type ExportFormatId } from '../../engine/formats';
import { exportFileNames } from '../../engine/formats/file-names';
import { encodeWeights } from '../../engine/formats/weights';
import type { ModelFile } from '../../engine/model-file';
import { chain } from '../../engine/testing/graphs';
import { DesktopFiles, exportTargets, withModelExtension, type Dialogs } from './desktop-files';

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'layerwise-files-'));
});
afterEach(() => vi.restoreAllMocks());

function dialogs(answers: { open?: string[] | null; save?: string | null } = {}) {
  const fake = {
    showOpenDialog: vi.fn(async () =>
      answers.open ? { canceled: false, filePaths: answers.open } : { canceled: true, filePaths: [] },
    ),
    showSaveDialog: vi.fn(async () =>
      answers.save ? { canceled: false, filePath: answers.save } : { canceled: true },
    ),
  };
  return fake satisfies Dialogs;
}

/** A small model with weights (their values do not matter for names). */
function trainedModel(name: string): ModelFile {
  const graph = chain([28, 28, 1], ['Flatten'], ['Dense', { units: 10, activation: 'softmax' }]);
  const compiled = compileGraph(graph);
  if (!compiled.ok) throw new Error('the test graph does not compile');
  const values = new Map(
    compiled.plan.nodes.flatMap((n) => n.weights.map((w) => [w.name, new Float32Array(w.size)])),
  );
  return {
    format: 'layerwise-model',
    version: 2,
    name,
    graph,
    weights: encodeWeights(compiled.plan, values),
  };
}

function setup() {
  const recent: string[] = [];
  const files = new DesktopFiles({ defaultFolder: folder, onRecent: (p) => recent.push(p) });
  return { files, recent };
}

const rejection = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return (error as ApiError).data;
};

describe('DesktopFiles', () => {
  it('opens the chosen file and hands out one stable id for its path', async () => {
    const path = join(folder, 'cnn.layerwise.json');
    await writeFile(path, '{"format":"layerwise-model"}');
    const { files, recent } = setup();
    const fake = dialogs({ open: [path] });
    const opened = await files.handle('files.open', {}, fake);
    expect(opened).toEqual({
      documentId: expect.any(String),
      name: 'cnn.layerwise.json',
      text: '{"format":"layerwise-model"}',
    });
    expect(fake.showOpenDialog).toHaveBeenCalledWith(
      expect.objectContaining({ defaultPath: folder, properties: ['openFile'] }),
    );
    expect(recent).toEqual([path]);
    expect(files.documentId(path)).toBe(opened?.documentId);
  });

  it('answers null when a dialog is cancelled, and writes nothing', async () => {
    const { files } = setup();
    expect(await files.handle('files.open', {}, dialogs())).toBeNull();
    const save = { text: '{}', suggestedName: 'm.layerwise.json', documentId: null, saveAs: false };
    expect(await files.handle('files.save', save, dialogs())).toBeNull();
    expect(
      await files.handle('files.export', { files: [{ name: 'm.onnx', data: new Uint8Array(2) }] }, dialogs()),
    ).toBeNull();
    expect(await readdir(folder)).toEqual([]);
  });

  it('saves a new document where the user chose, adding the model extension to a bare name', async () => {
    const { files, recent } = setup();
    const fake = dialogs({ save: join(folder, 'my model') });
    const saved = await files.handle(
      'files.save',
      { text: 'v1', suggestedName: 'My_model.layerwise.json', documentId: null, saveAs: false },
      fake,
    );
    expect(saved?.name).toBe('my model.layerwise.json');
    expect(fake.showSaveDialog).toHaveBeenCalledWith(
      expect.objectContaining({ defaultPath: join(folder, 'My_model.layerwise.json') }),
    );
    expect(await readFile(join(folder, 'my model.layerwise.json'), 'utf8')).toBe('v1');
    expect(recent).toEqual([join(folder, 'my model.layerwise.json')]);
  });

  it('saves a known document in place without asking, and Save As asks again', async () => {
    const path = join(folder, 'a.layerwise.json');
    await writeFile(path, 'old');
    const { files } = setup();
    const { documentId } = await files.openPath(path);
    const quiet = dialogs();
    const saved = await files.handle(
      'files.save',
      { text: 'new', suggestedName: 'a.layerwise.json', documentId, saveAs: false },
      quiet,
    );
    expect(saved).toEqual({ documentId, name: 'a.layerwise.json' });
    expect(quiet.showSaveDialog).not.toHaveBeenCalled();
    expect(await readFile(path, 'utf8')).toBe('new');

    const copy = join(folder, 'b.json');
    const asked = dialogs({ save: copy });
    const savedAs = await files.handle(
      'files.save',
      { text: 'copy', suggestedName: 'a.layerwise.json', documentId, saveAs: true },
      asked,
    );
    expect(savedAs?.name).toBe('b.json');
    expect(savedAs?.documentId).not.toBe(documentId);
    expect(await readFile(copy, 'utf8')).toBe('copy');
    expect(await readFile(path, 'utf8')).toBe('new');
  });

  it('refuses a document id it never handed out: the page cannot name a path itself', async () => {
    const { files } = setup();
    const data = await rejection(
      files.handle(
        'files.save',
        { text: 'x', suggestedName: 'x.json', documentId: '/etc/passwd', saveAs: false },
        dialogs({ save: join(folder, 'x.json') }),
      ),
    );
    expect(data).toMatchObject({ code: 'E_BAD_REQUEST', message: 'files.save: unknown documentId' });
    expect(await readdir(folder)).toEqual([]);
  });

  it.each([
    ['a missing field', 'files.save', { text: 'x', documentId: null, saveAs: false }, /suggestedName/],
    ['an extra field', 'files.open', { path: '/etc/passwd' }, /path/],
    ['a wrong type', 'files.export', { files: [{ name: 'a.onnx', data: 42 }] }, /files\.0\.data/],
    ['no files', 'files.export', { files: [] }, /files/],
  ] as const)('refuses %s, naming the field', async (_what, method, params, message) => {
    const data = await rejection(setup().files.handle(method, params, dialogs()));
    expect(data.code).toBe('E_BAD_REQUEST');
    expect(data.message).toMatch(message);
  });

  it('exports the model under the chosen name and names the files it refers to after it', async () => {
    const { files } = setup();
    const out = join(folder, 'exported', 'digits.json');
    await mkdir(join(folder, 'exported'));
    const written = await files.handle(
      'files.export',
      {
        files: [
          { name: 'model.tfjs.json', data: '{"weightsManifest":[{"paths":["model.tfjs.weights.bin"]}]}' },
          { name: 'model.tfjs.weights.bin', data: new Uint8Array([1, 2, 3]) },
        ],
      },
      dialogs({ save: out }),
    );
    const weights = join(folder, 'exported', 'digits.tfjs.weights.bin');
    expect(written).toEqual([out, weights]);
    expect([...(await readFile(weights))]).toEqual([1, 2, 3]);
    // The model file names the weights under their new name, so the pair still loads.
    expect(JSON.parse(await readFile(out, 'utf8'))).toEqual({
      weightsManifest: [{ paths: ['digits.tfjs.weights.bin'] }],
    });
    expect((await readdir(join(folder, 'exported'))).sort()).toEqual([
      'digits.json',
      'digits.tfjs.weights.bin',
    ]);
  });

  it('keeps a real TF.js export loadable under a name the user picked', async () => {
    const { files } = setup();
    const exported = exportModel('tfjs', trainedModel('My net'));
    if (!exported.ok) throw new Error('tfjs export failed');
    const out = join(folder, 'handwriting.json');
    const written = await files.handle('files.export', { files: exported.value }, dialogs({ save: out }));
    const manifest = JSON.parse(await readFile(out, 'utf8')) as { weightsManifest: { paths: string[] }[] };
    const named = manifest.weightsManifest.flatMap((g) => g.paths);
    // The weights keep their content hash (so a crash between the renames never pairs new and old files).
    expect(named).toEqual([expect.stringMatching(/^handwriting\.tfjs\.[0-9a-f]{8}\.weights\.bin$/)]);
    expect(written).toEqual([out, join(folder, named[0] as string)]);
    expect((await readdir(folder)).sort()).toEqual(['handwriting.json', named[0]]);
  });

  it("renames a script's weights file after the picked script, in the script too", async () => {
    const { files } = setup();
    const exported = exportModel('pytorch', trainedModel('My net'));
    if (!exported.ok) throw new Error('pytorch export failed');
    const names = exportFileNames('My net');
    const out = join(folder, 'digits.py');
    await files.handle('files.export', { files: exported.value }, dialogs({ save: out }));
    expect((await readdir(folder)).sort()).toEqual(['digits.layerwise.json', 'digits.py']);
    const script = await readFile(out, 'utf8');
    expect(script).toContain('digits.layerwise.json');
    expect(script).not.toContain(names.pytorchWeights);
  });

  it.each([
    ['a dotfile beside the chosen file', '.bashrc'],
    ['a name not derived from the model file', 'authorized_keys'],
    ['a dotfile suffix', 'm..bashrc'],
  ])('refuses a hostile export request naming %s, before any dialog', async (_what, name) => {
    const fake = dialogs({ save: join(folder, 'chosen.json') });
    const data = await rejection(
      setup().files.handle(
        'files.export',
        {
          files: [
            { name: 'm.json', data: '{}' },
            { name, data: 'export PATH=/tmp/evil:$PATH' },
          ],
        },
        fake,
      ),
    );
    expect(data.code).toBe('E_BAD_REQUEST');
    expect(data.message).toContain(name);
    expect(fake.showSaveDialog).not.toHaveBeenCalled();
    expect(await readdir(folder)).toEqual([]);
  });

  it('refuses an export whose model file is a dotfile', async () => {
    const fake = dialogs({ save: join(folder, 'x.json') });
    const data = await rejection(
      setup().files.handle('files.export', { files: [{ name: '.profile', data: 'x' }] }, fake),
    );
    expect(data).toMatchObject({ code: 'E_BAD_REQUEST', message: expect.stringContaining('.profile') });
    expect(fake.showSaveDialog).not.toHaveBeenCalled();
  });

  it('names extra files after the chosen file even when the user picks a dotfile name', () => {
    const targets = exportTargets('/home/u/.hidden.json', [
      { name: 'm.tfjs.json', data: '"m.tfjs.weights.bin"' },
      { name: 'm.tfjs.weights.bin', data: 'w' },
    ]);
    expect(targets.map((t) => t.path)).toEqual(['/home/u/.hidden.json', '/home/u/model.tfjs.weights.bin']);
    expect(targets[0]?.data).toBe('"model.tfjs.weights.bin"');
  });

  it('refuses a pick that would write the model file over its own weights', () => {
    expect(() =>
      exportTargets('/home/u/x.tfjs.weights.bin', [
        { name: 'm.tfjs.json', data: '{}' },
        { name: 'm.tfjs.weights.bin', data: 'w' },
      ]),
    ).toThrow(/written twice/);
  });

  it('offers each format under its own name, so every format fits in one folder', async () => {
    const { files } = setup();
    const model = trainedModel('My net');
    const offered: string[] = [];
    // The user accepts the name each Export dialog proposes.
    const accept: Dialogs = {
      showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
      showSaveDialog: async (options) => {
        offered.push(basename(options.defaultPath));
        return { canceled: false, filePath: options.defaultPath };
      },
    };
    for (const format of Object.keys(EXPORT_FORMATS) as ExportFormatId[]) {
      const exported = exportModel(format, model);
      if (!exported.ok) throw new Error(`${format} export failed`);
      await files.handle('files.export', { files: exported.value }, accept);
    }
    const names = exportFileNames('My net');
    expect(offered).toEqual([
      names.layerwiseJson,
      names.tfjsModel,
      names.onnx,
      names.pytorchScript,
      names.kerasScript,
    ]);
    // The TF.js weights carry a hash of their content: My_net.tfjs.<hash>.weights.bin.
    const hashed = (await readdir(folder)).map((n) =>
      n.replace(/\.[0-9a-f]{8}\.weights\.bin$/, '.weights.bin'),
    );
    expect(hashed.sort()).toEqual(
      [
        names.layerwiseJson,
        names.tfjsModel,
        names.tfjsWeights,
        names.onnx,
        names.pytorchScript,
        names.pytorchWeights,
        names.kerasScript,
        names.kerasWeights,
      ].sort(),
    );
  });

  it.each(['../escape.bin', 'sub/dir.bin', '/abs.bin', '..'])(
    'refuses an export file named %j before showing a dialog',
    async (name) => {
      const fake = dialogs({ save: join(folder, 'm.json') });
      const data = await rejection(
        setup().files.handle(
          'files.export',
          {
            files: [
              { name: 'm.json', data: '{}' },
              { name, data: 'x' },
            ],
          },
          fake,
        ),
      );
      expect(data.code).toBe('E_BAD_REQUEST');
      expect(fake.showSaveDialog).not.toHaveBeenCalled();
    },
  );

  it('reads every file picked for Import as bytes', async () => {
    await writeFile(join(folder, 'model.json'), '{}');
    await writeFile(join(folder, 'w.bin'), new Uint8Array([9, 8]));
    const picked = await setup().files.handle(
      'files.pickImport',
      {},
      dialogs({ open: [join(folder, 'model.json'), join(folder, 'w.bin')] }),
    );
    expect(picked?.map((f) => [f.name, [...f.bytes]])).toEqual([
      ['model.json', [123, 125]],
      ['w.bin', [9, 8]],
    ]);
  });

  it('names the file when it cannot be read', async () => {
    const data = await rejection(setup().files.openPath(join(folder, 'gone.layerwise.json')));
    expect(data).toEqual({
      code: 'E_FILE',
      message: `${join(folder, 'gone.layerwise.json')} does not exist`,
    });
  });

  it('names the file and leaves nothing behind when a save fails', async () => {
    const target = join(folder, 'taken.json');
    await mkdir(target); // a folder where the file should go: the final rename fails
    const data = await rejection(
      setup().files.handle(
        'files.save',
        { text: 'new', suggestedName: 'm.layerwise.json', documentId: null, saveAs: false },
        dialogs({ save: target }),
      ),
    );
    expect(data).toEqual({ code: 'E_FILE', message: `${target} is a folder` });
    expect(await readdir(folder)).toEqual(['taken.json']);
  });

  it('keeps a .json name the user typed and adds ours to anything else', () => {
    expect(withModelExtension('/m/a.json')).toBe('/m/a.json');
    expect(withModelExtension('/m/a.JSON')).toBe('/m/a.JSON');
    expect(withModelExtension('/m/a')).toBe('/m/a.layerwise.json');
    expect(withModelExtension('/m/a.txt')).toBe('/m/a.txt.layerwise.json');
  });
});
