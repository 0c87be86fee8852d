// The Keras-style model summary: one line per layer (Layer (type) | Output shape | Param #) and the
// totals pinned below the table so they stay in view however long the model is. It stays useful while
// the graph is broken: unknown shapes show as "?" and the problem count is shown. A row and its node
// are one selection: clicking a row selects the layer and brings it into view on the canvas, selecting
// on the canvas highlights the row and scrolls it into view, and Enter or a double-click opens the layer
// in the Inspector.
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { passedThrough, type GraphAnalysis, type NodeAnalysis } from '../../../../engine';
import { useEditor, useEditorStoreApi } from '../EditorContext';
import { formatCount, formatShape } from '../format';
import { selectOnlyNode, singleSelectedId } from './select-node';
import './summary.css';

/** Bypassed layers are left out, as Keras' summary of the exported model would: they are not in it. */
function rowsOf(analysis: GraphAnalysis): NodeAnalysis[] {
  const ordered = analysis.order.map((id) => analysis.byId.get(id)).filter((n) => n !== undefined);
  return (ordered.length === analysis.nodes.length ? ordered : [...analysis.nodes]).filter(
    (n) => !n.bypassed,
  );
}

export interface SummaryPanelProps {
  /** Brings a layer chosen here into view on the canvas. */
  readonly onReveal?: (id: string) => void;
  /** Opens a layer chosen here in the Inspector. */
  readonly onOpen?: (id: string) => void;
}

export function SummaryPanel({ onReveal, onOpen }: SummaryPanelProps) {
  const { t } = useTranslation();
  const store = useEditorStoreApi();
  const analysis = useEditor((s) => s.analysis);
  const modelName = useEditor((s) => s.modelName);
  const selectedId = useEditor((s) => singleSelectedId(s.nodes));
  const table = useRef<HTMLTableElement>(null);
  const rows = rowsOf(analysis);
  const total = rows.reduce((sum, n) => sum + n.trainableParams + n.nonTrainableParams, 0);
  const trainable = rows.reduce((sum, n) => sum + n.trainableParams, 0);

  useEffect(() => {
    if (selectedId === null) return;
    const rows = [...(table.current?.querySelectorAll<HTMLElement>('tr[data-node-id]') ?? [])];
    rows.find((row) => row.dataset.nodeId === selectedId)?.scrollIntoView?.({ block: 'nearest' });
  }, [selectedId]);

  const select = (id: string) => {
    const { nodes, edges, onNodesChange, onEdgesChange } = store.getState();
    const changes = selectOnlyNode(nodes, edges, id);
    if (changes.nodes.length > 0) onNodesChange(changes.nodes as Parameters<typeof onNodesChange>[0]);
    if (changes.edges.length > 0) onEdgesChange(changes.edges as Parameters<typeof onEdgesChange>[0]);
    onReveal?.(id);
  };
  const onRowKey = (event: KeyboardEvent<HTMLButtonElement>, index: number, id: string) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      select(id);
      onOpen?.(id);
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const buttons = table.current?.querySelectorAll<HTMLButtonElement>('.summary-row-button');
      buttons?.[index + (event.key === 'ArrowDown' ? 1 : -1)]?.focus();
    }
  };

  return (
    <section className="summary" role="region" aria-label={t('editor.summary.label')}>
      <div className="summary-scroll">
        <h2>
          {t('editor.summary.title')}: {modelName}
        </h2>
        <p className="summary-hint muted">{t('editor.summary.hint')}</p>
        <table className="summary-table" ref={table}>
          <thead>
            <tr>
              <th scope="col">{t('editor.summary.layer')}</th>
              <th scope="col">{t('editor.summary.shape')}</th>
              <th scope="col" className="num">
                {t('editor.summary.params')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((n, index) => {
              const inputs = n.inputs
                .map((id) => analysis.byId.get(passedThrough(analysis, id))?.name ?? id)
                .join(', ');
              const selected = n.id === selectedId;
              return (
                <tr
                  key={n.id}
                  data-node-id={n.id}
                  className={selected ? 'is-selected' : undefined}
                  title={inputs === '' ? undefined : `${t('editor.summary.inputs')}: ${inputs}`}
                  onDoubleClick={() => onOpen?.(n.id)}
                >
                  <td className="summary-layer">
                    <button
                      type="button"
                      className="summary-row-button"
                      aria-current={selected ? 'true' : undefined}
                      title={`${n.name} (${n.type})`}
                      onClick={() => select(n.id)}
                      onKeyDown={(e) => onRowKey(e, index, n.id)}
                    >
                      {n.name} <span className="muted">({n.type})</span>
                      {!n.trainable && (
                        <span className="summary-frozen" title={t('frozen.badge')}>
                          {' '}
                          <span aria-hidden="true">❄</span>
                          <span className="visually-hidden">{t('frozen.badge')}</span>
                        </span>
                      )}
                    </button>
                  </td>
                  <td className="mono">{formatShape(n.outputShape)}</td>
                  <td className="num mono">{formatCount(n.trainableParams + n.nonTrainableParams)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <dl className="summary-totals">
        <dt>{t('editor.summary.total')}</dt>
        <dd data-testid="summary-total">{formatCount(total)}</dd>
        <dt>{t('editor.summary.trainable')}</dt>
        <dd>{formatCount(trainable)}</dd>
        <dt>{t('editor.summary.nonTrainable')}</dt>
        <dd>{formatCount(total - trainable)}</dd>
        {analysis.issues.length > 0 && (
          <>
            <dt className="field-error">{t('editor.summary.problems')}</dt>
            <dd className="field-error">{analysis.issues.length}</dd>
          </>
        )}
      </dl>
    </section>
  );
}
