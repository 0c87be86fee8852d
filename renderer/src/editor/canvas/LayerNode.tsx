// The one node component for every layer type: it reads the layer's definition and the engine's
// analysis of this node, so it shows the name, key params, output shape and parameter count without
// knowing about any particular layer. A node keeps its size whatever happens to it: a real problem is a
// small badge whose tooltip holds the message (the inspector lists it in full), and a layer that is
// only not wired in yet gets a calm dashed outline instead of red. A frozen layer wears a ❄ badge and
// counts its params as non-trainable.
import { Handle, Position, useStore, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { issueText } from '../../i18n/issue-text';
import { isCalmIssue } from '../../../../engine/connectivity';
import { ActivationThumb, HealthBadge, TimeBar } from '../../look-inside';
import { useEditor } from '../EditorContext';
import { useDiffMark } from './diff-marks';
import type { LayerFlowNode } from '../flow-types';
import { formatCount, formatParamValue, formatShape } from '../format';
import { keyParams } from '../key-params';

const DETAIL_MIN_ZOOM = 0.35;

function LayerNodeView({ id, data, selected }: NodeProps<LayerFlowNode>) {
  const { t } = useTranslation();
  const analysis = useEditor((s) => s.analysis.byId.get(id));
  const connectivity = useEditor((s) => s.connectivity);
  const problems = useEditor((s) => s.analysis.issues).filter(
    (i) => i.where.nodeId === id && !isCalmIssue(i, connectivity),
  );
  const loose = connectivity.notConnected.includes(id);
  const maxInputs = analysis?.definition?.inputs.max ?? 1;
  const params = (analysis?.trainableParams ?? 0) + (analysis?.nonTrainableParams ?? 0);
  const frozen = data.trainable === false;
  const name = analysis?.name ?? data.name ?? id;
  const shown = keyParams(analysis?.definition, analysis?.params)
    .map(([k, v]) => `${k}=${formatParamValue(v)}`)
    .join('  ');
  const problemText = problems.map((i) => issueText(t, i)).join('\n');
  // Far out, only the name is legible: drawing less keeps large graphs smooth.
  const detailed = useStore((s) => s.transform[2] >= DETAIL_MIN_ZOOM);
  const state = problems.length > 0 ? ' has-error' : loose ? ' is-loose' : '';
  const diff = useDiffMark(name);
  const bypassed = data.bypassed === true;
  return (
    <div
      data-testid="layer-node"
      className={`layer-node${state}${selected ? ' is-selected' : ''}${bypassed ? ' is-bypassed' : ''}${diff ? ` is-diff-${diff.kind}` : ''}`}
      data-category={analysis?.definition?.category ?? 'unknown'}
      data-loose={loose || undefined}
      data-frozen={frozen || undefined}
      data-bypassed={bypassed || undefined}
    >
      {maxInputs > 0 && <Handle type="target" position={Position.Top} aria-label={t('editor.node.input')} />}
      <div className="layer-node-head">
        <span data-testid="node-title" className="layer-node-title" title={name}>
          {name}
        </span>
        {bypassed ? (
          <span data-testid="node-bypassed" className="layer-node-bypassed" title={t('bypass.tagTitle')}>
            {t('bypass.tag')}
          </span>
        ) : (
          <span className="layer-node-type">{data.type}</span>
        )}
        {frozen && (
          <span data-testid="node-frozen" className="layer-node-frozen" title={t('frozen.badge')}>
            <span aria-hidden="true">❄</span>
            <span className="visually-hidden">{t('frozen.badge')}</span>
          </span>
        )}
        {problems.length > 0 && (
          <span data-testid="node-error" className="layer-node-badge" title={problemText}>
            <span aria-hidden="true">!</span>
            <span className="visually-hidden">
              {t('editor.node.problems', { count: problems.length })}: {problemText}
            </span>
          </span>
        )}
        <HealthBadge id={id} name={name} />
        {diff && <span className="visually-hidden">{diff.text}</span>}
      </div>
      {detailed && (
        <>
          <div className="layer-node-params" title={shown}>
            {shown}
          </div>
          <div className="layer-node-foot">
            <span data-testid="node-shape" className="layer-node-shape">
              {formatShape(analysis?.outputShape)}
            </span>
            <span data-testid="node-params" className="layer-node-count">
              {t(frozen && params > 0 ? 'frozen.nodeParams' : 'editor.node.params', {
                count: params,
                formatted: formatCount(params),
              })}
            </span>
          </div>
        </>
      )}
      <TimeBar id={id} name={name} />
      <ActivationThumb id={id} name={name} />
      <Handle type="source" position={Position.Bottom} aria-label={t('editor.node.output')} />
    </div>
  );
}

export const LayerNode = memo(LayerNodeView);
