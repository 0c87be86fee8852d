// @vitest-environment jsdom
// The page's side of the desktop bridge: menu commands and OS-opened documents reach the right actions,
// nothing happens in a browser (no bridge), and unmounting unsubscribes both.
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { OpenDocumentMessage } from '../../../engine/api/desktop-files';
import { createEditorStore } from '../editor/editor-store';
import type { DocumentActions } from '../files/document-actions';
import { templateModel } from '../files/templates';
import type { MenuContext } from './menu-actions';
import { useDesktopEvents } from './useDesktopEvents';

function Probe({ menu, actions }: { menu: MenuContext; actions: DocumentActions }) {
  useDesktopEvents(menu, actions);
  return null;
}

function setup() {
  const menu = {
    commands: { editor: createEditorStore(templateModel('mnist-mlp')), fitView: vi.fn() },
    train: vi.fn(),
    inTextField: () => false,
  } as unknown as MenuContext;
  const actions = { openFromHost: vi.fn(async () => true) } as unknown as DocumentActions;
  return { menu, actions };
}

afterEach(() => {
  cleanup();
  delete (globalThis as { layerwise?: unknown }).layerwise;
});

describe('useDesktopEvents', () => {
  it('runs menu commands and opens documents main sends; unsubscribes on unmount', () => {
    let onMenu: ((command: string) => void) | undefined;
    let onDocument: ((message: OpenDocumentMessage) => void) | undefined;
    const unsubscribed: string[] = [];
    (globalThis as { layerwise?: unknown }).layerwise = {
      onMenuCommand: (listener: typeof onMenu) => {
        onMenu = listener;
        return () => unsubscribed.push('menu');
      },
      onOpenDocument: (listener: typeof onDocument) => {
        onDocument = listener;
        return () => unsubscribed.push('documents');
      },
    };
    const { menu, actions } = setup();
    const view = render(<Probe menu={menu} actions={actions} />);
    onMenu?.('train');
    onMenu?.('format-disk');
    expect(menu.train).toHaveBeenCalledOnce();
    const message = { document: { documentId: 'd', name: 'a.layerwise.json', text: '{}' } };
    onDocument?.(message);
    expect(actions.openFromHost).toHaveBeenCalledWith(message);
    view.unmount();
    expect(unsubscribed.sort()).toEqual(['documents', 'menu']);
  });

  it('does nothing in a browser, where there is no bridge', () => {
    const { menu, actions } = setup();
    expect(() => render(<Probe menu={menu} actions={actions} />).unmount()).not.toThrow();
    expect(actions.openFromHost).not.toHaveBeenCalled();
  });
});
