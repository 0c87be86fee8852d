// The modal that shows the current confirm/prompt request: focus moves into it, Escape or Cancel
// answers null, Enter confirms.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import { dialogStore } from './dialog-store';

export function AppDialog() {
  const { t } = useTranslation();
  const request = useStore(dialogStore, (s) => s.request);
  const [text, setText] = useState('');
  const field = useRef<HTMLInputElement>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (request === null) return;
    setText(request.defaultValue);
    requestAnimationFrame(() =>
      request.kind === 'prompt' ? field.current?.select() : confirmButton.current?.focus(),
    );
  }, [request]);
  if (request === null) return null;
  return (
    <div className="dialog-backdrop">
      <form
        role="dialog"
        aria-modal="true"
        aria-labelledby="app-dialog-message"
        className="dialog panel"
        onKeyDown={(e) => e.key === 'Escape' && request.resolve(null)}
        onSubmit={(e) => {
          e.preventDefault();
          request.resolve(request.kind === 'prompt' ? text : '');
        }}
      >
        <label id="app-dialog-message" htmlFor="app-dialog-field">
          {request.message}
        </label>
        {request.kind === 'prompt' && (
          <input id="app-dialog-field" ref={field} value={text} onChange={(e) => setText(e.target.value)} />
        )}
        <div className="dialog-buttons">
          <button type="button" onClick={() => request.resolve(null)}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary" ref={confirmButton}>
            {request.confirmLabel}
          </button>
        </div>
      </form>
    </div>
  );
}
