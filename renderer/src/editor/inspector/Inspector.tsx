// Edits what is selected: one layer's name, whether it trains, and its parameters (with the control its spec asks for, checked
// by the registry as you type, shapes re-inferred on every change), or the model's name when nothing is.
// The layer's description, parameter help and the engine's messages are shown in the UI language.
import { useTranslation } from 'react-i18next';
import { getLayer } from '../../../../engine';
import { isCalmIssue } from '../../../../engine/connectivity';
import { issueText } from '../../i18n/issue-text';
import { layerDoc, paramHelp } from '../../i18n/layer-text';
import { LayerActivationsSection } from '../../look-inside/LayerActivationsSection';
import { LayerStatsSection } from '../../look-inside/LayerStatsSection';
import { useEditor, useEditorStoreApi } from '../EditorContext';
import { formatCount, formatShape } from '../format';
import { ParamField } from './ParamField';
import { TextParamField } from './TextParamField';
import { TrainableField } from './TrainableField';

const asText = (v: unknown) => (typeof v === 'string' ? v : '');
const keepText = (t: string): unknown => t;

export function Inspector() {
  const { t } = useTranslation();
  const store = useEditorStoreApi();
  const selectedIds = useEditor((s) =>
    s.nodes
      .filter((n) => n.selected)
      .map((n) => n.id)
      .join('\n'),
  );
  const ids = selectedIds === '' ? [] : selectedIds.split('\n');
  return (
    <section className="inspector panel" role="region" aria-label={t('editor.inspector.label')}>
      <h2>{t('editor.inspector.title')}</h2>
      {ids.length === 0 && <ModelFields />}
      {ids.length > 1 && (
        <>
          <p className="muted">{t('editor.inspector.many', { count: ids.length })}</p>
          <TrainableField ids={ids} />
        </>
      )}
      {ids.length === 1 && ids[0] !== undefined && <NodeFields key={ids[0]} nodeId={ids[0]} store={store} />}
    </section>
  );
}

function ModelFields() {
  const { t } = useTranslation();
  const store = useEditorStoreApi();
  const name = useEditor((s) => s.modelName);
  return (
    <div className="param-field">
      <label htmlFor="model-name">{t('editor.inspector.modelName')}</label>
      <TextParamField
        id="model-name"
        value={name}
        parse={keepText}
        format={asText}
        invalid={name.trim() === ''}
        onChange={(v) => store.getState().setModelName(String(v))}
      />
      <small className="muted">{t('editor.inspector.hint')}</small>
    </div>
  );
}

function NodeFields({ nodeId, store }: { nodeId: string; store: ReturnType<typeof useEditorStoreApi> }) {
  const { t } = useTranslation();
  const node = useEditor((s) => s.nodes.find((n) => n.id === nodeId));
  const analysis = useEditor((s) => s.analysis.byId.get(nodeId));
  const issues = useEditor((s) => s.analysis.issues);
  const connectivity = useEditor((s) => s.connectivity);
  if (node === undefined) return null;
  const definition = getLayer(node.data.type);
  const fieldError = (field: string) => {
    const found = issues.find((i) => i.where.nodeId === nodeId && i.where.field === field);
    return found && issueText(t, found);
  };
  const nodeErrors = issues.filter((i) => i.where.nodeId === nodeId && i.where.field === undefined);
  const params = (analysis?.trainableParams ?? 0) + (analysis?.nonTrainableParams ?? 0);
  return (
    <div className="inspector-node">
      <p className="inspector-type">
        <strong>{node.data.type}</strong> · {formatShape(analysis?.outputShape)} ·{' '}
        {t('editor.node.params', { count: params, formatted: formatCount(params) })}
      </p>
      {definition && <p className="muted">{layerDoc(t, definition.type)}</p>}
      <div className="param-field">
        <label htmlFor={`name-${nodeId}`}>{t('editor.inspector.name')}</label>
        <TextParamField
          id={`name-${nodeId}`}
          value={node.data.name ?? ''}
          parse={keepText}
          format={asText}
          placeholder={analysis?.name ?? ''}
          invalid={fieldError('name') !== undefined}
          onChange={(v) => store.getState().rename(nodeId, String(v))}
        />
        {fieldError('name') && <small className="field-error">{fieldError('name')}</small>}
      </div>
      <TrainableField ids={[nodeId]} />
      {nodeErrors.map((issue) =>
        // A layer that is only not wired in yet is not an error: said calmly, like the canvas hint.
        isCalmIssue(issue, connectivity) ? (
          <p key={issue.message} className="muted" data-testid="calm-issue">
            {issueText(t, issue)}
          </p>
        ) : (
          <p key={issue.message} className="field-error" role="alert">
            {issueText(t, issue)}
          </p>
        ),
      )}
      {definition &&
        Object.entries(definition.params).map(([key, spec]) => (
          <ParamField
            key={key}
            nodeId={nodeId}
            name={key}
            spec={spec}
            help={paramHelp(t, definition.type, key)}
            raw={node.data.params[key]}
            resolved={analysis?.params?.[key]}
            error={fieldError(key)}
            onChange={(value) =>
              value === undefined
                ? store.getState().resetParam(nodeId, key)
                : store.getState().setParam(nodeId, key, value)
            }
          />
        ))}
      <LayerActivationsSection nodeId={nodeId} />
      <LayerStatsSection nodeId={nodeId} />
    </div>
  );
}
