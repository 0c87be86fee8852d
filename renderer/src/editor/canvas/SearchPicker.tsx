// A small search box with a list under it, floating on the canvas: the quick-add box and the
// "Connect to…" picker. Type to filter, arrows to move, Enter to pick, Escape (or leaving it) closes.
import { useId, useMemo, useState, type CSSProperties, type KeyboardEvent } from 'react';
import { searchCandidates, type Candidate } from './search-match';

export interface SearchPickerProps {
  readonly title: string;
  readonly placeholder: string;
  readonly empty: string;
  readonly candidates: readonly Candidate[];
  readonly style: CSSProperties;
  readonly testId: string;
  /** Called with the chosen candidate and the whole text typed. */
  readonly onPick: (id: string, query: string) => void;
  readonly onClose: () => void;
  /** The part of the typed text to match candidates on (quick add reads the rest as parameters). */
  readonly matchOn?: (query: string) => string;
}

export function SearchPicker(props: SearchPickerProps) {
  const { title, placeholder, empty, candidates, style, testId, onPick, onClose, matchOn } = props;
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const listId = useId();
  const matches = useMemo(
    () => searchCandidates(candidates, matchOn ? matchOn(query) : query),
    [candidates, query, matchOn],
  );
  const current = Math.min(active, Math.max(0, matches.length - 1));
  const onKeyDown = (event: KeyboardEvent) => {
    // Keys typed here belong to the picker, never to the canvas or the app's shortcuts.
    event.stopPropagation();
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((current + step + matches.length) % Math.max(1, matches.length));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const pick = matches[current];
      if (pick) onPick(pick.id, query);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      onClose();
    }
  };
  return (
    <div
      className="canvas-picker nodrag nopan nowheel"
      style={style}
      data-testid={testId}
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) onClose();
      }}
    >
      <p className="canvas-picker-title">{title}</p>
      <input
        type="text"
        role="combobox"
        aria-expanded="true"
        aria-controls={listId}
        aria-activedescendant={matches[current] ? `${listId}-${current}` : undefined}
        aria-label={title}
        placeholder={placeholder}
        autoFocus
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      <ul id={listId} role="listbox" aria-label={title}>
        {matches.length === 0 && <li className="muted">{empty}</li>}
        {matches.map((c, i) => (
          <li
            key={c.id}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={i === current}
            // Picking with the mouse must not blur the input first (that would close the picker).
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => onPick(c.id, query)}
            onMouseEnter={() => setActive(i)}
          >
            <span>{c.label}</span>
            {c.detail && <span className="muted">{c.detail}</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}
