// Quick add: a search box over the layer types, opened at the cursor (Space on the canvas, or a
// double-click on empty canvas). The picked layer lands there, connected after the selected layer by
// the same insert-into-chain rule as the palette. Words after the type set its parameters
// ("conv 64 relu", "dense 10 softmax"; engine/quick-params.ts), in the same undo step.
import type { XYPosition } from '@xyflow/react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { getLayer, LAYER_DEFINITIONS } from '../../../../engine';
import { quickParams, splitQuickQuery } from '../../../../engine/quick-params';
import { useEditorStoreApi } from '../EditorContext';
import { SearchPicker } from './SearchPicker';

export interface QuickAddProps {
  /** Where the box opens, relative to the canvas. */
  readonly at: XYPosition;
  /** Where the new layer goes, in flow coordinates; null: below the selected layer. */
  readonly flowAt: XYPosition | null;
  readonly onClose: () => void;
}

const typeQuery = (query: string) => splitQuickQuery(query).typeQuery;

export function QuickAdd({ at, flowAt, onClose }: QuickAddProps) {
  const { t } = useTranslation();
  const store = useEditorStoreApi();
  const candidates = useMemo(
    () =>
      LAYER_DEFINITIONS.map((d) => ({
        id: d.type,
        label: d.type,
        detail: t(`editor.category.${d.category}`),
      })),
    [t],
  );
  return (
    <SearchPicker
      testId="quick-add"
      title={t('editor.quickAdd.title')}
      placeholder={t('editor.quickAdd.placeholder')}
      empty={t('editor.palette.noMatch')}
      candidates={candidates}
      style={{ left: at.x, top: at.y }}
      onClose={onClose}
      matchOn={typeQuery}
      onPick={(type, query) => {
        const definition = getLayer(type);
        const { params, unused } = definition
          ? quickParams(definition, splitQuickQuery(query).words)
          : { params: {}, unused: [] };
        // Centred under the cursor, like a palette drop.
        store.getState().addLayer(type, flowAt ? { x: flowAt.x - 124, y: flowAt.y - 20 } : undefined, {
          connectAfterSelection: true,
          params,
        });
        if (unused.length > 0)
          store.getState().notify({
            kind: 'info',
            text: t('editor.quickAdd.unused', { type, words: unused.join(' ') }),
          });
        onClose();
      }}
    />
  );
}
