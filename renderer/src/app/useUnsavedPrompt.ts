// Asks before the window closes or reloads with unsaved changes (autosave keeps them anyway, but a
// user who closes on purpose should know the file on disk is behind).
import { useEffect } from 'react';

export function useUnsavedPrompt(isDirty: () => boolean): void {
  useEffect(() => {
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (!isDirty()) return;
      event.preventDefault();
      event.returnValue = ''; // older browsers need this to show the prompt
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [isDirty]);
}
