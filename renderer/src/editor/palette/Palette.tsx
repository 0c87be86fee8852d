// The layer palette: every registry layer, grouped by category, with a search box. Drag an item onto
// the canvas, or double-click it / press Enter to add it after the selected node. Long names end in an
// ellipsis instead of overflowing a narrow palette; the tooltip names the layer in full. The button
// before the search box hides the palette (its panel owns how); it comes first so Tab from the search
// box goes straight to the layers.
import { useMemo, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLayerText } from '../../i18n/useLayerText';
import { useEditorStoreApi } from '../EditorContext';
import { LAYER_DRAG_TYPE } from './drag-type';
import { paletteGroups } from './palette-groups';

export function Palette({ onCollapse }: { onCollapse?: () => void }) {
  const { t } = useTranslation();
  const text = useLayerText();
  const store = useEditorStoreApi();
  const [query, setQuery] = useState('');
  const groups = useMemo(() => paletteGroups(query), [query]);
  const add = (type: string) => store.getState().addLayer(type, undefined, { connectAfterSelection: true });
  const onDragStart = (event: DragEvent, type: string) => {
    event.dataTransfer.setData(LAYER_DRAG_TYPE, type);
    event.dataTransfer.effectAllowed = 'copy';
  };

  return (
    <section className="palette" role="region" aria-label={t('editor.palette.label')}>
      <div className="palette-head">
        {onCollapse && (
          <button
            type="button"
            className="panel-toggle"
            aria-label={t('common.layout.hidePalette')}
            title={t('common.layout.hidePalette')}
            onClick={onCollapse}
          >
            <span aria-hidden="true">«</span>
          </button>
        )}
        <input
          type="search"
          className="palette-search"
          placeholder={t('editor.palette.search')}
          aria-label={t('editor.palette.search')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
      </div>
      {groups.length === 0 && <p className="muted">{t('editor.palette.noMatch')}</p>}
      {groups.map((group) => (
        <div
          key={group.category}
          className="palette-group"
          role="group"
          aria-label={t(`editor.category.${group.category}`)}
        >
          <h3>{t(`editor.category.${group.category}`)}</h3>
          <ul>
            {group.layers.map((layer) => (
              <li key={layer.type}>
                <button
                  type="button"
                  className="palette-item"
                  data-testid={`palette-item-${layer.type}`}
                  draggable
                  title={`${layer.type}: ${text.doc(layer.type)}`}
                  aria-label={t('editor.palette.add', { type: layer.type })}
                  onDragStart={(e) => onDragStart(e, layer.type)}
                  onDoubleClick={() => add(layer.type)}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter') {
                      e.preventDefault();
                      add(layer.type);
                    }
                  }}
                >
                  <span className="palette-item-name">{layer.type}</span>
                </button>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
