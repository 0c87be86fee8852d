// docs/layers.md, generated from the layer registry so the reference never disagrees with the code.
import type { ParamControl } from './params';
import { CATEGORIES } from './define-layer';
import { LAYER_DEFINITIONS } from './layers';

function describeControl(control: ParamControl): string {
  switch (control.kind) {
    case 'int':
      return `integer ${control.min}…${control.max}${control.nullable ? ', or null' : ''}`;
    case 'float':
      return `number ${control.min}…${control.max}${control.maxExclusive ? ' (exclusive)' : ''}${control.nullable ? ', or null' : ''}`;
    case 'bool':
      return 'true / false';
    case 'choice':
      return control.options.map((o) => `\`${o}\``).join(', ');
    case 'pair':
      return `integer or [height, width], ${control.min}…${control.max}${control.nullable ? ', or null' : ''}`;
    case 'sides':
      return `integer, [height, width] or [[top, bottom], [left, right]], ${control.min}…${control.max}`;
    case 'factor':
      return `${control.pairOnly ? '' : 'number or '}[lower, upper], ${control.min}…${control.max}${control.nullable ? ', or null' : ''}`;
    case 'dims':
      return `list of up to ${control.maxRank} integers${control.allowWildcard ? ' (one may be -1)' : ''}${control.nullable ? ', or null' : ''}`;
    case 'regularizer':
      return "null, `'l1'`, `'l2'`, `'l1_l2'` or `{l1, l2}` factors";
  }
}

const inputsText = ({ min, max }: { min: number; max: number }) =>
  max === 0
    ? 'none'
    : min === max
      ? String(min)
      : max === Number.POSITIVE_INFINITY
        ? `${min} or more`
        : `${min}–${max}`;

export function layersMarkdown(): string {
  const lines = [
    '# Layers',
    '',
    '<!-- Generated from engine/layers by `npm run generate:docs`; do not edit by hand. -->',
    '',
    'Layer types, parameter names and defaults are those of Keras. Shapes exclude the batch and are',
    'channels-last: (height, width, channels). Omitted parameters take the default.',
  ];
  for (const category of CATEGORIES) {
    lines.push('', `## ${category}`);
    for (const layer of LAYER_DEFINITIONS.filter((d) => d.category === category)) {
      lines.push('', `### ${layer.type}`, '', `${layer.doc} Inputs: ${inputsText(layer.inputs)}.`);
      const params = Object.entries(layer.params);
      if (params.length === 0) continue;
      lines.push('', '| parameter | default | accepts | meaning |', '| --- | --- | --- | --- |');
      for (const [name, spec] of params) {
        lines.push(
          `| \`${name}\` | \`${JSON.stringify(spec.default)}\` | ${describeControl(spec.control)} | ${spec.doc.replaceAll('|', '\\|')} |`,
        );
      }
    }
  }
  return `${lines.join('\n')}\n`;
}
