// The "Trainable" checkbox (Keras trainable): unticked freezes the selected layers, whose weights then
// stay as they are while training. Shown for layers with weights, or already frozen ones (so they can be
// unfrozen); several selected layers change together in one undo step, mixed ones show indeterminate.
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useEditor, useEditorStoreApi } from '../EditorContext';

export function TrainableField({ ids }: { ids: readonly string[] }) {
  const { t } = useTranslation();
  const store = useEditorStoreApi();
  const box = useRef<HTMLInputElement>(null);
  // A string, so that the field redraws only when its answer changes.
  const summary = useEditor((s) => {
    const chosen = new Set(ids);
    const layers = s.nodes.filter((n) => chosen.has(n.id));
    const relevant = layers.filter(
      (n) => n.data.trainable === false || (s.analysis.byId.get(n.id)?.weights.length ?? 0) > 0,
    );
    const frozen = relevant.filter((n) => n.data.trainable === false).length;
    const weighted = relevant.filter((n) => (s.analysis.byId.get(n.id)?.weights.length ?? 0) > 0).length;
    return [relevant.map((n) => n.id).join(','), frozen, weighted].join('|');
  });
  const [list = '', frozenText = '0', weightedText = '0'] = summary.split('|');
  const relevant = list === '' ? [] : list.split(',');
  const frozen = Number(frozenText);
  const mixed = frozen > 0 && frozen < relevant.length;
  useEffect(() => {
    if (box.current) box.current.indeterminate = mixed;
  }, [mixed]);
  if (relevant.length === 0) return null;
  const id = `trainable-${ids.join('-')}`;
  return (
    <div className="param-field">
      <label htmlFor={id}>
        <input
          ref={box}
          id={id}
          type="checkbox"
          checked={frozen === 0}
          aria-describedby={`${id}-hint`}
          onChange={(e) => store.getState().setTrainable(relevant, e.target.checked)}
        />{' '}
        {ids.length > 1 ? t('frozen.trainableMany', { count: relevant.length }) : t('frozen.trainable')}
      </label>
      <small id={`${id}-hint`} className="muted">
        {Number(weightedText) === 0 ? t('frozen.noWeights') : t('frozen.hint')}
      </small>
    </div>
  );
}
