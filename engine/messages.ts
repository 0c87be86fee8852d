// Every user-facing message the editor can show, by id, as an English template with {{placeholders}}.
// This table is the source of truth: issues carry the id and the values, their English `message` is
// rendered from it here, and the renderer translates the same id (renderer/src/i18n/zh/messages.ts
// must have every id with the same placeholders, which a test checks), so the two cannot drift.
// {{layer}} is always the layer name the user sees (conv2d_1), filled in by the analyzer.
export const MESSAGES = {
  // Graph structure (engine/analyze.ts).
  'graph.duplicateId': "another node already has the id '{{id}}': ids must be unique",
  'graph.unknownType': "{{layer}} has an unknown layer type '{{type}}'",
  'graph.edgeToMissing': "{{layer}} is connected to '{{target}}', which does not exist",
  'graph.edgeFromMissing': "{{layer}} is connected from '{{source}}', which does not exist",
  'graph.edgeBetweenMissing': "an edge connects '{{source}}' to '{{target}}', neither of which exists",
  'graph.takesNoInputs': '{{layer}} ({{type}}) takes no inputs: remove the connection from {{sources}}',
  'graph.noInput': '{{layer}} has no input: connect a layer to it',
  'graph.oneInput':
    '{{layer}} takes one input, but {{connected}} are connected ({{sources}}): remove all but one',
  'graph.exactInputs': '{{layer}} takes {{expected}} inputs, but {{connected}} are connected ({{sources}})',
  'graph.tooFewInputs':
    '{{layer}} needs at least {{min}} inputs, but has {{connected}} ({{sources}}): connect another layer to it',
  'graph.noInputLayer': 'the model has no InputLayer: add one and connect it to the first layer',
  'graph.secondInput': '{{layer}} is a second InputLayer (the first is {{first}}): a model takes one input',
  'graph.twoOutputs':
    '{{layer}} is an output, and so is {{others}}: a model has one output, so connect or delete the extras',
  'graph.manyOutputs':
    '{{layer}} is an output, and so are {{others}}: a model has one output, so connect or delete the extras',
  'graph.cycle': '{{path}} form a cycle: connections must flow one way, so remove one of them',
  'graph.bypassOneInput':
    '{{layer}} is bypassed, so it passes its one input through, but {{connected}} are connected: restore it or connect exactly one',
  'graph.invalidOutput': "{{layer}}'s output shape ({{shape}}) is not a valid size",

  // Layer names (engine/layer-names.ts).
  'name.invalid': 'the layer name must be 1 to 100 letters, digits, _ . or -',
  'name.duplicate': "another layer is already named '{{name}}': layer names must be unique",

  // Parameters (engine/params.ts rules, checked by engine/registry.ts).
  'param.notObject': "{{layer}}'s params must be an object",
  'param.unknownGuess': "{{layer}} ({{type}}) has no parameter '{{field}}': did you mean '{{guess}}'?",
  'param.unknownNone': "{{layer}} ({{type}}) takes no parameters: remove '{{field}}'",
  'param.unknownList': "{{layer}} ({{type}}) has no parameter '{{field}}'; it takes {{known}}",
  'param.invalid': "{{layer}}'s {{field}} is invalid",
  'param.int': "{{layer}}'s {{field}} must be a whole number from {{min}} to {{max}}",
  'param.float': "{{layer}}'s {{field}} must be a number from {{min}} to {{max}}",
  'param.floatExclusive': "{{layer}}'s {{field}} must be a number from {{min}} to {{max}} (exclusive)",
  'param.bool': "{{layer}}'s {{field}} must be true or false",
  'param.choice': "{{layer}}'s {{field}} must be one of {{options}}",
  'param.pair':
    "{{layer}}'s {{field}} must be a whole number from {{min}} to {{max}} or a pair [height, width] of them",
  'param.sides':
    "{{layer}}'s {{field}} must be a whole number from {{min}} to {{max}}, a pair [height, width] of them, or [[top, bottom], [left, right]]",
  'param.length':
    "{{layer}}'s {{field}} must be a whole number from {{min}} to {{max}}, or a one-element list of one",
  'param.factor':
    "{{layer}}'s {{field}} must be a number from {{min}} to {{max}} or a pair [lower, upper] of them with lower ≤ upper",
  'param.range':
    "{{layer}}'s {{field}} must be a pair [lower, upper] of numbers from {{min}} to {{max}} with lower < upper",
  'param.dims': "{{layer}}'s {{field}} must be a list of 1 to {{maxRank}} whole numbers from 1 to {{max}}",
  'param.dimsWildcard':
    "{{layer}}'s {{field}} must be a list of 1 to {{maxRank}} whole numbers from 1 to {{max}} (one may be -1)",
  'param.axes':
    "{{layer}}'s {{field}} must be empty (none) or a list of different axes from 1 to {{maxRank}} (axis 0 is the batch)",
  'param.oneWildcard': "{{layer}}'s {{field}} may contain -1 only once",
  'param.regularizer':
    "{{layer}}'s {{field}} must be empty (none), 'l1', 'l2', 'l1_l2' or factors such as l2=0.01 or l1=0.001, l2=0.01 (each at least 0)",

  // Shape rules (engine/layers/*.ts); {{inputs}} lists each input as its source layer and shape.
  'shape.needsInput': '{{layer}} needs an input: connect a layer to it',
  'shape.needsImage':
    '{{layer}} needs a (height, width, channels) input, got {{inputs}}: add a Reshape to (height, width, channels) before it',
  'shape.needsImageNotFlat':
    '{{layer}} needs a (height, width, channels) input, got {{inputs}}: move it before the Flatten, or add a Reshape to (height, width, channels)',
  'shape.needsSequence':
    '{{layer}} needs a (steps, channels) input, got {{inputs}}: add a Reshape to (steps, channels) before it',
  'shape.windowTooLarge':
    "{{layer}}'s {{field}} {{window}} is larger than its {{size}} input: use a smaller {{field}} or padding 'same'",
  'shape.addMismatch': '{{layer}} needs inputs of one shape, got {{inputs}}',
  'shape.concatBatchAxis': '{{layer}} cannot join along axis 0: axis 0 is the batch',
  'shape.concatAxis':
    '{{layer}} cannot join along axis {{axis}}: its inputs have {{rank}} dimensions besides the batch',
  'shape.concatMismatch':
    '{{layer}} on axis {{axis}} needs inputs that agree on every other axis, got {{inputs}}',
  'shape.cropTooLarge':
    "{{layer}}'s cropping removes {{rows}} rows and {{columns}} columns from its {{size}} input, leaving nothing: crop less",
  'shape.reshapeSize':
    '{{layer}} cannot reshape {{shape}} ({{size}} values) to {{target}}: the number of values must stay the same',
  'shape.softmaxAxis':
    '{{layer}} cannot normalize along axis {{axis}}: its input {{inputs}} has axes 1 to {{rank}} (or -1 to -{{rank}}) besides the batch',
  'shape.sharedAxes':
    "{{layer}}'s shared_axes {{axes}} name an axis its input {{inputs}} lacks: use axes from 1 to {{rank}}",

  // Connections refused while wiring in the editor (renderer/src/editor/connection-check.ts).
  'connect.self': '{{layer}} cannot feed itself',
  'connect.duplicate': '{{source}} is already connected to {{target}}',
  'connect.noInputs': '{{target}} ({{type}}) takes no input: data enters the model there',
  'connect.oneInput': '{{target}} takes one input: remove its connection from {{current}} first',
  'connect.maxInputs': '{{target}} takes at most {{max}} inputs: remove one of its connections first',
  'connect.cycle': '{{target}} already leads to {{source}}, so this connection would make a cycle',

  // Bypassing layers refused in the editor (engine/bypass.ts).
  'bypass.noInput': '{{layer}} takes no input, so there is nothing to pass through: it cannot be bypassed',
  'bypass.inputCount':
    '{{layer}} has {{connected}} inputs: only a layer with exactly one input can be bypassed',
  'bypass.output': "Bypassing {{layer}} would change the model's output from {{before}} to {{after}}",
  'bypass.breaks': 'Bypassing {{layer}} would break the model: {{problem}}',
} as const;

export type MessageId = keyof typeof MESSAGES;
export type MessageValues = Readonly<Record<string, string | number>>;

/** A message in data form: what a translation needs. */
export interface Message {
  readonly messageId: MessageId;
  readonly values: MessageValues;
}

const PLACEHOLDER = /\{\{(\w+)\}\}/g;

export function isMessageId(id: string): id is MessageId {
  return Object.hasOwn(MESSAGES, id);
}

/** The placeholder names in a template, sorted and without repeats. */
export function placeholders(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1] as string))].sort();
}

/** Fills a template; a placeholder without a value stays as it is, so a missing value is visible. */
export function fillTemplate(template: string, values: MessageValues): string {
  return template.replace(PLACEHOLDER, (whole, name: string) =>
    Object.hasOwn(values, name) ? String(values[name]) : whole,
  );
}

export function englishMessage(messageId: MessageId, values: MessageValues = {}): string {
  return fillTemplate(MESSAGES[messageId], values);
}
