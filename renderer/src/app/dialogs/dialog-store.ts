// In-app confirm and prompt dialogs as promises. window.prompt does not exist in Electron and native
// dialogs block the page, so the app asks through its own modal instead.
import { createStore } from 'zustand/vanilla';

export interface DialogRequest {
  readonly kind: 'confirm' | 'prompt';
  readonly message: string;
  readonly defaultValue: string;
  readonly confirmLabel: string;
  resolve(value: string | null): void;
}

export const dialogStore = createStore<{ request: DialogRequest | null }>()(() => ({ request: null }));

function ask(kind: DialogRequest['kind'], message: string, defaultValue: string, confirmLabel: string) {
  // A second question while one is open answers the first with "cancel".
  dialogStore.getState().request?.resolve(null);
  return new Promise<string | null>((resolve) => {
    dialogStore.setState({
      request: {
        kind,
        message,
        defaultValue,
        confirmLabel,
        resolve: (value) => {
          dialogStore.setState({ request: null });
          resolve(value);
        },
      },
    });
  });
}

export const askConfirm = async (message: string, confirmLabel: string): Promise<boolean> =>
  (await ask('confirm', message, '', confirmLabel)) !== null;

export const askText = (
  message: string,
  defaultValue: string,
  confirmLabel: string,
): Promise<string | null> => ask('prompt', message, defaultValue, confirmLabel);
