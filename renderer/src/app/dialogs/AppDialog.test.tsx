// @vitest-environment jsdom
import '../../i18n';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { AppDialog } from './AppDialog';
import { askConfirm, askText } from './dialog-store';

afterEach(cleanup);

describe('AppDialog', () => {
  it('asks for a name and resolves with what was typed', async () => {
    render(<AppDialog />);
    let answer!: Promise<string | null>;
    act(() => void (answer = askText('Save the model as:', 'cnn.layerwise.json', 'Save')));
    const field = screen.getByRole('textbox', { name: 'Save the model as:' }) as HTMLInputElement;
    expect(field.value).toBe('cnn.layerwise.json');
    fireEvent.change(field, { target: { value: 'digits' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await answer).toBe('digits');
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('answers a confirmation with false on Cancel and Escape', async () => {
    render(<AppDialog />);
    let answer!: Promise<boolean>;
    act(() => void (answer = askConfirm('Discard?', 'Discard changes')));
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(await answer).toBe(false);
    act(() => void (answer = askConfirm('Discard?', 'Discard changes')));
    fireEvent.keyDown(screen.getByRole('dialog'), { key: 'Escape' });
    expect(await answer).toBe(false);
    act(() => void (answer = askConfirm('Discard?', 'Discard changes')));
    fireEvent.click(screen.getByRole('button', { name: 'Discard changes' }));
    expect(await answer).toBe(true);
  });
});
