// Light, dark, or following the system (the default). The choice is remembered; what it resolves to
// is set as html[data-theme] (which the theme.css tokens read) before the first paint and again
// whenever the system switches.
import { useEffect, useState } from 'react';

export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];
const STORAGE_KEY = 'layerwise.theme';

const systemDark = () => globalThis.matchMedia?.('(prefers-color-scheme: dark)');

export function savedTheme(): Theme {
  const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
  return THEMES.includes(saved as Theme) ? (saved as Theme) : 'system';
}

export function resolveTheme(theme: Theme): 'light' | 'dark' {
  if (theme !== 'system') return theme;
  return systemDark()?.matches ? 'dark' : 'light';
}

export function applyTheme(theme: Theme): void {
  document.documentElement.dataset.theme = resolveTheme(theme);
}

/** The chosen theme, a setter, and what it resolves to now. */
export function useTheme(): [Theme, (theme: Theme) => void, 'light' | 'dark'] {
  const [theme, setTheme] = useState<Theme>(savedTheme);
  const [resolved, setResolved] = useState(() => resolveTheme(theme));
  useEffect(() => {
    localStorage.setItem(STORAGE_KEY, theme);
    const update = () => {
      applyTheme(theme);
      setResolved(resolveTheme(theme));
    };
    update();
    if (theme !== 'system') return undefined;
    const query = systemDark();
    query?.addEventListener('change', update);
    return () => query?.removeEventListener('change', update);
  }, [theme]);
  return [theme, setTheme, resolved];
}
