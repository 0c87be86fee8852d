import { describe, expect, it } from 'vitest';
import { createEditorStore } from '../editor/editor-store';
import { AUTOSAVE_KEY, readAutosave, writeAutosave } from './autosave';
import { templateModel } from './templates';

class MemoryStorage implements Pick<Storage, 'getItem' | 'setItem'> {
  readonly items = new Map<string, string>();
  getItem = (key: string) => this.items.get(key) ?? null;
  setItem = (key: string, value: string) => void this.items.set(key, value);
}
const asStorage = (s: MemoryStorage) => s as unknown as Storage;

describe('autosave', () => {
  it('restores the same graph and whether it had unsaved changes', () => {
    const storage = new MemoryStorage();
    const store = createEditorStore(templateModel('mnist-cnn'));
    store.getState().setParam('dense', 'units', 64);
    writeAutosave(store, asStorage(storage));
    const restored = readAutosave(asStorage(storage));
    expect(restored?.dirty).toBe(true);
    expect(restored?.model).toEqual(store.getState().toModelFile());
  });

  it('ignores a damaged record instead of failing to start', () => {
    const storage = new MemoryStorage();
    storage.setItem(AUTOSAVE_KEY, '{"model": "{not json');
    expect(readAutosave(asStorage(storage))).toBeNull();
  });
});
