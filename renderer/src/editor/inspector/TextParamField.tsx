// A text field bound to one value in the store. It keeps what the user typed (even "1." or "abc") and
// re-syncs only when the stored value changes from elsewhere (undo, another field).
import { useEffect, useRef, useState } from 'react';

export interface TextParamFieldProps {
  readonly id: string;
  readonly value: unknown;
  readonly parse: (text: string) => unknown;
  readonly format: (value: unknown) => string;
  readonly onChange: (value: unknown) => void;
  readonly invalid: boolean;
  readonly describedBy?: string;
  readonly inputMode?: 'numeric' | 'decimal' | 'text';
  readonly placeholder?: string;
}

export function TextParamField(props: TextParamFieldProps) {
  const { id, value, parse, format, onChange, invalid, describedBy, inputMode, placeholder } = props;
  const [text, setText] = useState(() => format(value));
  const lastSent = useRef<unknown>(value);
  useEffect(() => {
    if (JSON.stringify(value) !== JSON.stringify(lastSent.current)) {
      lastSent.current = value;
      setText(format(value));
    }
  }, [value, format]);
  return (
    <input
      id={id}
      type="text"
      value={text}
      inputMode={inputMode ?? 'text'}
      placeholder={placeholder}
      aria-invalid={invalid}
      aria-describedby={describedBy}
      spellCheck={false}
      onChange={(e) => {
        setText(e.target.value);
        const parsed = parse(e.target.value);
        lastSent.current = parsed;
        onChange(parsed);
      }}
    />
  );
}
