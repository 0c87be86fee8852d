// The top bar: file actions, undo/redo, layout and view, the document title with its unsaved marker,
// theme and language, and whether the backend is connected. It stays on one line: on a narrow window
// the less-used actions (Save as, Import, Auto layout) move into a "More" menu (see app.css).
import { useTranslation } from 'react-i18next';
import { LANGUAGES, setLanguage, type LanguageCode } from '../i18n';
import { commandById, type CommandContext } from '../commands/commands';
import { useEditor } from '../editor/EditorContext';
import type { DocumentActions } from '../files/document-actions';
import { TEMPLATE_IDS } from '../files/templates';
import { EXPORT_FORMATS, type ExportFormatId } from '../../../engine/formats';
import { MenuButton } from './MenuButton';
import type { Connection } from './useConnection';
import { THEMES, type Theme } from './useTheme';

export interface ToolbarProps {
  readonly actions: DocumentActions;
  readonly commands: CommandContext;
  readonly connection: Connection;
  readonly theme: Theme;
  readonly onTheme: (theme: Theme) => void;
  readonly hasTrainedWeights: boolean;
  readonly onImport: () => void;
}

export function Toolbar(props: ToolbarProps) {
  const { actions, commands, connection, theme, onTheme, hasTrainedWeights, onImport } = props;
  const { t, i18n } = useTranslation();
  const modelName = useEditor((s) => s.modelName);
  const dirty = useEditor((s) => s.revision !== s.savedRevision);
  const canUndo = useEditor((s) => s.history.past.length > 0);
  const canRedo = useEditor((s) => s.history.future.length > 0);
  const run = (id: string) => commandById(id)?.run(commands);
  return (
    <header className="toolbar" role="toolbar" aria-label={t('common.toolbar')}>
      <div className="toolbar-group">
        <MenuButton
          label={t('common.new')}
          items={TEMPLATE_IDS.map((id) => ({
            id,
            label: t(`common.templates.${id}`),
            run: () => void actions.newFromTemplate(id),
          }))}
        />
        <button type="button" onClick={commands.open}>
          {t('common.open')}
        </button>
        <button type="button" onClick={() => void actions.save()}>
          {t('common.save')}
        </button>
        <button type="button" className="toolbar-wide" onClick={() => void actions.saveAs()}>
          {t('common.saveAs')}
        </button>
        <MenuButton
          label={t('common.export')}
          items={[
            { id: 'json', label: t('common.exportJson'), run: () => void actions.exportAs('json', false) },
            ...Object.keys(EXPORT_FORMATS).map((id) => ({
              id: `${id}-weights`,
              label: t(`common.exportFormats.${id}`),
              disabled: !hasTrainedWeights,
              run: () => void actions.exportAs(id as ExportFormatId, true),
            })),
          ]}
        />
        <button type="button" className="toolbar-wide" onClick={onImport} title={t('common.importHint')}>
          {t('common.import')}
        </button>
        <MenuButton
          className="toolbar-narrow"
          label={t('common.layout.more')}
          items={[
            { id: 'save-as', label: t('common.saveAs'), run: () => void actions.saveAs() },
            { id: 'import', label: t('common.import'), run: onImport },
            { id: 'layout', label: t('editor.commands.layout'), run: () => run('layout') },
          ]}
        />
      </div>
      <div className="toolbar-group">
        <button type="button" disabled={!canUndo} onClick={() => run('undo')} title="Ctrl+Z">
          {t('common.undo')}
        </button>
        <button type="button" disabled={!canRedo} onClick={() => run('redo')} title="Ctrl+Shift+Z">
          {t('common.redo')}
        </button>
        <button type="button" className="toolbar-wide" onClick={() => run('layout')}>
          {t('editor.commands.layout')}
        </button>
        <button type="button" onClick={() => run('fitView')}>
          {t('editor.commands.fitView')}
        </button>
      </div>
      <div className="toolbar-title" data-testid="document-title">
        {modelName}
        {dirty && (
          <span className="dirty-marker" title={t('common.unsaved')} aria-label={t('common.unsaved')}>
            ●
          </span>
        )}
      </div>
      <div className="toolbar-group">
        <label className="visually-hidden" htmlFor="theme-select">
          {t('common.theme')}
        </label>
        <select id="theme-select" value={theme} onChange={(e) => onTheme(e.target.value as Theme)}>
          {THEMES.map((th) => (
            <option key={th} value={th}>
              {t(`common.themes.${th}`)}
            </option>
          ))}
        </select>
        <label className="visually-hidden" htmlFor="language-select">
          {t('common.language')}
        </label>
        <select
          id="language-select"
          value={i18n.language}
          onChange={(e) => setLanguage(e.target.value as LanguageCode)}
        >
          {LANGUAGES.map((l) => (
            <option key={l.code} value={l.code}>
              {l.label}
            </option>
          ))}
        </select>
        <span
          data-testid="connection-status"
          className={`connection connection-${connection.state}`}
          title={connection.state === 'disconnected' ? connection.reason : undefined}
        >
          {t(`common.connection.${connection.state}`)}
        </span>
      </div>
    </header>
  );
}
