// Looks up layer definitions by type and turns a node's raw params into validated, defaulted ones.
import type { AnyLayerDefinition, ResolvedParams } from './define-layer';
import { issue, type Issue } from './issues';
import { LAYER_DEFINITIONS } from './layers';

const byType = new Map(LAYER_DEFINITIONS.map((d) => [d.type, d]));

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

/** Validates raw params against the definition; params is undefined when any of them is invalid. */
export function resolveParams(definition: AnyLayerDefinition, raw: unknown, nodeId: string): ParamResolution {
  const key = raw === undefined ? NO_PARAMS : raw;
  if (typeof key !== 'object' || key === null || Array.isArray(key)) {
    return {
      params: undefined,
      issues: [issue('E_SCHEMA', 'params must be an object', { nodeId, field: 'params' })],
    };
  }
  let cache = resolutionCache.get(definition);
  if (cache === undefined) resolutionCache.set(definition, (cache = new WeakMap()));
  const cached = cache.get(key);
  if (cached !== undefined) return relabel(cached, nodeId);
  const resolution = resolveUncached(definition, key as Record<string, unknown>, nodeId);
  cache.set(key, resolution);
  return resolution;
}

function relabel(resolution: ParamResolution, nodeId: string): ParamResolution {
  if (resolution.issues.every((i) => i.where.nodeId === nodeId)) return resolution;
  return { ...resolution, issues: resolution.issues.map((i) => ({ ...i, where: { ...i.where, nodeId } })) };
}

function resolveUncached(
  definition: AnyLayerDefinition,
  raw: Record<string, unknown>,
  nodeId: string,
): ParamResolution {
  const issues: Issue[] = [];
  const known = Object.keys(definition.params);
  for (const field of Object.keys(raw)) {
    if (!Object.hasOwn(definition.params, field)) {
      issues.push(issue('E_UNKNOWN_PARAM', unknownParamMessage(definition, field, known), { nodeId, field }));
    }
  }
  const params: Record<string, unknown> = {};
  for (const [field, spec] of Object.entries(definition.params)) {
    const value = Object.hasOwn(raw, field) ? raw[field] : spec.default;
    const result = spec.schema.safeParse(value);
    if (result.success) params[field] = result.data;
    else
      issues.push(
        issue('E_PARAM', `${field} ${result.error.issues[0]?.message ?? 'is invalid'}`, { nodeId, field }),
      );
  }
  return { params: issues.length === 0 ? Object.freeze(params) : undefined, issues };
}

function unknownParamMessage(
  definition: AnyLayerDefinition,
  field: string,
  known: readonly string[],
): string {
  const guess = known.find((k) => editDistance(k, field) <= 2);
  if (guess !== undefined) return `${definition.type} has no parameter '${field}': did you mean '${guess}'?`;
  if (known.length === 0) return `${definition.type} takes no parameters: remove '${field}'`;
  return `${definition.type} has no parameter '${field}'; it takes ${known.join(', ')}`;
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
