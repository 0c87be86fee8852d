// The JSON Schema of the model file, derived from the same zod pieces the parser and the layer registry
// use, so the published schema cannot drift from what Layerwise accepts. scripts/generate-schema.ts
// writes it to docs/model-format.schema.json; a test checks the committed file is current.
import { z } from 'zod';
import { LAYER_DEFINITIONS } from './layers';
import { edgeSchema, envelopeSchemas, MODEL_FORMAT, MODEL_VERSION, nodeFieldSchemas } from './model-file';

function layerNodeSchema(definition: (typeof LAYER_DEFINITIONS)[number]) {
  const params = Object.fromEntries(
    Object.entries(definition.params).map(([field, spec]) => [
      field,
      spec.schema.default(spec.default as never),
    ]),
  );
  return z
    .strictObject({
      id: nodeFieldSchemas.id,
      type: z.literal(definition.type),
      name: nodeFieldSchemas.name.optional(),
      params: z
        .strictObject(params)
        .optional()
        .meta({ description: `${definition.type} parameters.` }),
      position: nodeFieldSchemas.position.optional(),
      trainable: nodeFieldSchemas.trainable.optional(),
      bypassed: nodeFieldSchemas.bypassed.optional(),
    })
    .meta({ title: definition.type, description: definition.doc });
}

export function modelFileJsonSchema(): Record<string, unknown> {
  const nodes = LAYER_DEFINITIONS.map(layerNodeSchema);
  const file = z
    .strictObject({
      format: z.literal(MODEL_FORMAT),
      version: z.literal(MODEL_VERSION),
      id: envelopeSchemas.id.optional(),
      name: envelopeSchemas.name.optional(),
      graph: z.strictObject({
        nodes: z.array(z.union(nodes as unknown as [z.ZodType, ...z.ZodType[]])),
        edges: z.array(edgeSchema),
      }),
      training: envelopeSchemas.training.optional(),
      history: envelopeSchemas.history.optional(),
      runs: envelopeSchemas.runs.optional(),
      weights: envelopeSchemas.weights.optional(),
    })
    .meta({
      title: `Layerwise model file, version ${MODEL_VERSION}`,
      description:
        'A neural network graph with optional training configuration, history, runs and weights. See docs/model-format.md. Files of older versions are migrated on load.',
    });
  return {
    ...z.toJSONSchema(file, { io: 'input', unrepresentable: 'throw' }),
    $id: `https://layerwise.app/schema/model-format-v${MODEL_VERSION}.json`,
  };
}
