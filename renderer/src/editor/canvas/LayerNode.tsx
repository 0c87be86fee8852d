// The one node component for every layer type: it reads the layer's definition and the engine's
// analysis of this node, so it shows the name, key params, output shape, parameter count and any error
// without knowing about any particular layer.
import { Handle, Position, useStore, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { useEditor } from '../EditorContext';
import type { LayerFlowNode } from '../flow-types';
import { formatCount, formatParamValue, formatShape } from '../format';
import { keyParams } from '../key-params';

const DETAIL_MIN_ZOOM = 0.35;

function LayerNodeView({ id, data, selected }: NodeProps<LayerFlowNode>) {
  const { t } = useTranslation();
  const analysis = useEditor((s) => s.analysis.byId.get(id));
  const issues = useEditor((s) => s.analysis.issues).filter((i) => i.where.nodeId === id);
  const maxInputs = analysis?.definition?.inputs.max ?? 1;
  const params = (analysis?.trainableParams ?? 0) + (analysis?.nonTrainableParams ?? 0);
  const hasError = issues.length > 0;
  // Far out, only the name is legible: drawing less keeps large graphs smooth.
  const detailed = useStore((s) => s.transform[2] >= DETAIL_MIN_ZOOM);
  return (
    <div
      data-testid="layer-node"
      className={`layer-node${hasError ? ' has-error' : ''}${selected ? ' is-selected' : ''}`}
      data-category={analysis?.definition?.category ?? 'unknown'}
    >
      {maxInputs > 0 && <Handle type="target" position={Position.Top} aria-label={t('editor.node.input')} />}
      <div className="layer-node-head">
        <span data-testid="node-title" className="layer-node-title">
          {analysis?.name ?? data.name ?? id}
        </span>
        <span className="layer-node-type">{data.type}</span>
      </div>
      {detailed && (
        <>
          <div className="layer-node-params">
            {keyParams(analysis?.definition, analysis?.params).map(([k, v]) => (
              <span key={k}>
                {k}={formatParamValue(v)}
              </span>
            ))}
          </div>
          <div className="layer-node-foot">
            <span data-testid="node-shape">{formatShape(analysis?.outputShape)}</span>
            <span data-testid="node-params">
              {t('editor.node.params', { count: params, formatted: formatCount(params) })}
            </span>
          </div>
        </>
      )}
      {hasError && (
        <div data-testid="node-error" className="layer-node-error" role="alert">
          {issues[0]?.message}
          {issues.length > 1 && ` ${t('editor.node.moreProblems', { count: issues.length - 1 })}`}
        </div>
      )}
      <Handle type="source" position={Position.Bottom} aria-label={t('editor.node.output')} />
    </div>
  );
}

export const LayerNode = memo(LayerNodeView);
