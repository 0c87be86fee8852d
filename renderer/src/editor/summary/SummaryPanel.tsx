// The Keras-style model summary: layer (type), output shape, parameter count and inputs, then totals.
// It stays useful while the graph is broken: unknown shapes show as "?" and the problem count is shown.
import { useTranslation } from 'react-i18next';
import type { GraphAnalysis, NodeAnalysis } from '../../../../engine';
import { useEditor } from '../EditorContext';
import { formatCount, formatShape } from '../format';

function rowsOf(analysis: GraphAnalysis): NodeAnalysis[] {
  const ordered = analysis.order.map((id) => analysis.byId.get(id)).filter((n) => n !== undefined);
  return ordered.length === analysis.nodes.length ? ordered : [...analysis.nodes];
}

export function SummaryPanel() {
  const { t } = useTranslation();
  const analysis = useEditor((s) => s.analysis);
  const modelName = useEditor((s) => s.modelName);
  const rows = rowsOf(analysis);
  const total = rows.reduce((sum, n) => sum + n.trainableParams + n.nonTrainableParams, 0);
  const trainable = rows.reduce((sum, n) => sum + n.trainableParams, 0);
  return (
    <section className="summary panel" role="region" aria-label={t('editor.summary.label')}>
      <h2>
        {t('editor.summary.title')}: {modelName}
      </h2>
      <table className="summary-table">
        <thead>
          <tr>
            <th scope="col">{t('editor.summary.layer')}</th>
            <th scope="col">{t('editor.summary.shape')}</th>
            <th scope="col" className="num">
              {t('editor.summary.params')}
            </th>
            <th scope="col">{t('editor.summary.inputs')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((n) => (
            <tr key={n.id}>
              <td>
                {n.name} <span className="muted">({n.type})</span>
              </td>
              <td className="mono">{formatShape(n.outputShape)}</td>
              <td className="num mono">{formatCount(n.trainableParams + n.nonTrainableParams)}</td>
              <td className="muted">{n.inputs.map((id) => analysis.byId.get(id)?.name ?? id).join(', ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
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
