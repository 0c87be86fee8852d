// Property-based: random and mutated API requests through the real backend (parseRequest, then the
// method) and through the WebSocket message handler. Every answer is a success or a typed ApiError whose
// message carries no stack; the message handler always answers with a JSON envelope and never throws.
// Training never really starts here: the service's start checks the model and the run as the real one
// does, then refuses, so a lucky request cannot launch a worker.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { compileGraph } from '../../engine';
import { ApiError, methodParams } from '../../engine/api/contract';
import { answerMessage } from '../transport/ws-protocol';
import { createApiBackend } from './api-backend';
import { checkedModel, parseRun, TrainingService } from './training/training-service';

class CheckOnlyTraining extends TrainingService {
  override async start(model: unknown, run: unknown = {}): Promise<never> {
    const checked = checkedModel(model);
    if (!compileGraph(checked.graph).ok) throw new ApiError({ code: 'E_INVALID_MODEL', message: 'problems' });
    parseRun({ ...(checked.training ?? {}), ...(run as object) });
    throw new ApiError({ code: 'E_NOT_FOUND', message: 'not started in this test' });
  }
}

const training = new CheckOnlyTraining();
const backend = createApiBackend(training);
afterAll(() => training.disposeAll());

const template = JSON.parse(
  readFileSync(new URL('../../assets/templates/mnist-mlp.json', import.meta.url), 'utf8'),
);
const methods = Object.keys(methodParams);
const STACK = /\n\s+at /;

/** Plausible params: the right field names with random or edge values, or anything at all. */
const value = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom('mnist', 'fashion-mnist', 'test', 'train', '__proto__', 'constructor', '', 'x'.repeat(200)),
  fc.constantFrom(-1, 0, 1, 1e9, 0.5, Number.MAX_SAFE_INTEGER, null),
  fc.constant(template),
  fc.constant({
    ...template,
    graph: { nodes: [{ id: 'a', type: 'Dense', params: { units: 2 } }], edges: [] },
  }),
);
const params = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.dictionary(
    fc.constantFrom('sessionId', 'modelId', 'model', 'run', 'dataset', 'split', 'indices', 'images', 'x'),
    value,
    { maxKeys: 4 },
  ),
);
const method = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...methods) },
  { weight: 1, arbitrary: fc.string() },
);

async function settle(promise: Promise<unknown>): Promise<void> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).data.message).not.toMatch(STACK);
    expect((error as ApiError).data.code).toMatch(/^E_[A-Z_]+$/);
  }
}

describe('fuzzing the API', () => {
  it('random requests to the backend succeed or fail with a typed ApiError', async () => {
    await fc.assert(
      fc.asyncProperty(method, params, (m, p) => settle(backend.handle(m, p))),
      { numRuns: 400 },
    );
  });

  it('objects nested far deeper than JSON allows (as Electron IPC could carry them) get typed errors', async () => {
    let deep: unknown = 1;
    for (let i = 0; i < 20_000; i += 1) deep = [deep];
    const node = { id: 'd', type: 'Dense', params: { units: deep } };
    for (const [m, p] of [
      ['inference.load', { model: { ...template, graph: { nodes: [node], edges: [] } } }],
      ['training.start', { model: { ...template, graph: deep } }],
      ['training.start', { model: template, run: { epochs: deep } }],
      ['datasets.images', { dataset: 'mnist', split: 'test', indices: deep }],
      ['app.info', deep],
    ] as const)
      await settle(backend.handle(m, p));
  });

  it('random text to the WebSocket handler always gets a JSON reply', async () => {
    const logged: string[] = [];
    const text = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.json({ maxDepth: 4 }),
      fc.tuple(fc.nat(), method, params).map(([id, m, p]) => JSON.stringify({ id, method: m, params: p })),
      fc.nat(3000).map((n) => `{"id":1,"method":"app.info","params":${'['.repeat(n)}${']'.repeat(n)}}`),
    );
    await fc.assert(
      fc.asyncProperty(text, async (t) => {
        const reply = JSON.parse(await answerMessage(backend, t, (line) => logged.push(line)));
        expect(typeof reply.id).toBe('number');
        if ('error' in reply) {
          expect(reply.error.code).toMatch(/^E_[A-Z_]+$/);
          expect(reply.error.message).not.toMatch(STACK);
        } else expect(reply).toHaveProperty('result');
      }),
      { numRuns: 400 },
    );
    // An internal error would be logged with its stack: none may happen.
    expect(logged).toEqual([]);
  });
});
