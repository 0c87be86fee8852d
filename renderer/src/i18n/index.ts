// The UI's two languages (English, Simplified Chinese). Each area of the app keeps its strings in its own
// file under en/ and zh/ so they can grow independently; this file merges them into one namespace and
// remembers the user's choice.
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { zh } from './zh';

export const LANGUAGES = [
  { code: 'en', label: 'English' },
  { code: 'zh', label: '简体中文' },
] as const;
export type LanguageCode = (typeof LANGUAGES)[number]['code'];

const STORAGE_KEY = 'layerwise.language';

function initialLanguage(): LanguageCode {
  const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
  if (saved === 'en' || saved === 'zh') return saved;
  return globalThis.navigator?.language?.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

void i18next.use(initReactI18next).init({
  resources: { en: { translation: en }, zh: { translation: zh } },
  lng: initialLanguage(),
  fallbackLng: 'en',
  interpolation: { escapeValue: false }, // React escapes already
  initAsync: false, // resources are bundled: ready before the first render
});

export function setLanguage(code: LanguageCode): void {
  globalThis.localStorage?.setItem(STORAGE_KEY, code);
  void i18next.changeLanguage(code);
  document.documentElement.lang = code === 'zh' ? 'zh-CN' : 'en';
}

export { i18next };
