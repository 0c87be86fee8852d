// Looks up layer definitions by type and turns a node's raw params into validated, defaulted ones.
import type { AnyLayerDefinition, ResolvedParams } from './define-layer';
import { issue, messageIssue, withValues, type Issue } from './issues';
import { LAYER_DEFINITIONS } from './layers';
import { isMessageId } from './messages';
import { ruleValues } from './params';

const byType = new Map<string, AnyLayerDefinition>(LAYER_DEFINITIONS.map((d) => [d.type, d]));

export const layerTypes = (): readonly string[] => LAYER_DEFINITIONS.map((d) => d.type);

export function getLayer(type: string): AnyLayerDefinition | undefined {
  return byType.get(type);
}

export interface ParamResolution {
  readonly params: ResolvedParams | undefined;
  readonly issues: readonly Issue[];
}

// Editors re-validate on every keystroke with mostly unchanged param objects: remember the answers.
const resolutionCache = new WeakMap<AnyLayerDefinition, WeakMap<object, ParamResolution>>();
const NO_PARAMS = Object.freeze({});

/**
 * Validates raw params against the definition; params is undefined when any of them is invalid.
 * `layer` is the name messages give the layer (the analyzer passes the node's Keras name).
 */
export function resolveParams(
  definition: AnyLayerDefinition,
  raw: unknown,
  nodeId: string,
  layer: string = nodeId,
): ParamResolution {
  const key = raw === undefined ? NO_PARAMS : raw;
  if (typeof key !== 'object' || key === null || Array.isArray(key)) {
    return {
      params: undefined,
      issues: [messageIssue('E_SCHEMA', 'param.notObject', { layer }, { nodeId, field: 'params' })],
    };
  }
  let cache = resolutionCache.get(definition);
  if (cache === undefined) resolutionCache.set(definition, (cache = new WeakMap()));
  const cached = cache.get(key);
  if (cached !== undefined) return relabel(cached, nodeId, layer);
  const resolution = resolveUncached(definition, key as Record<string, unknown>, nodeId, layer);
  cache.set(key, resolution);
  return resolution;
}

function relabel(resolution: ParamResolution, nodeId: string, layer: string): ParamResolution {
  if (resolution.issues.every((i) => i.where.nodeId === nodeId && i.values?.['layer'] === layer))
    return resolution;
  const issues = resolution.issues.map((i) => withValues({ ...i, where: { ...i.where, nodeId } }, { layer }));
  return { ...resolution, issues };
}

function resolveUncached(
  definition: AnyLayerDefinition,
  raw: Record<string, unknown>,
  nodeId: string,
  layer: string,
): ParamResolution {
  const issues: Issue[] = [];
  const known = Object.keys(definition.params);
  for (const field of Object.keys(raw)) {
    if (!Object.hasOwn(definition.params, field)) {
      issues.push(unknownParamIssue(definition, field, known, { nodeId, field }, layer));
    }
  }
  const params: Record<string, unknown> = {};
  for (const [field, spec] of Object.entries(definition.params)) {
    const value = Object.hasOwn(raw, field) ? raw[field] : spec.default;
    const result = spec.schema.safeParse(value);
    if (result.success) params[field] = result.data;
    else {
      // The schemas' errors are message ids (engine/params.ts); the bounds come from the control.
      const id = result.error.issues[0]?.message ?? '';
      const values = { layer, field, ...ruleValues(spec.control) };
      issues.push(messageIssue('E_PARAM', isMessageId(id) ? id : 'param.invalid', values, { nodeId, field }));
    }
  }
  return { params: issues.length === 0 ? Object.freeze(params) : undefined, issues };
}

/**
 * The usual unknown-parameter issue for `field` of a node of `type`. The model reader needs it for
 * '__proto__', which its object schemas would otherwise drop without a word.
 */
export function unknownParam(type: string, field: string, nodeId: string, layer: string = nodeId): Issue {
  const definition = getLayer(type);
  const where = { nodeId, field };
  if (definition === undefined)
    return issue('E_UNKNOWN_PARAM', `${layer} (${type}) has no parameter '${field}'`, where);
  return unknownParamIssue(definition, field, Object.keys(definition.params), where, layer);
}

function unknownParamIssue(
  definition: AnyLayerDefinition,
  field: string,
  known: readonly string[],
  where: { nodeId: string; field: string },
  layer: string,
): Issue {
  const values = { layer, type: definition.type, field };
  const guess = known.find((k) => editDistance(k, field) <= 2);
  if (guess !== undefined)
    return messageIssue('E_UNKNOWN_PARAM', 'param.unknownGuess', { ...values, guess }, where);
  if (known.length === 0) return messageIssue('E_UNKNOWN_PARAM', 'param.unknownNone', values, where);
  return messageIssue('E_UNKNOWN_PARAM', 'param.unknownList', { ...values, known: known.join(', ') }, where);
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
