// The layer texts of renderer/src/i18n/layer-text.ts bound to the current language, for components
// that list many layers (call it once, then use the functions in a loop).
import { useTranslation } from 'react-i18next';
import { layerDoc, optionLabel, paramHelp } from './layer-text';

export function useLayerText() {
  const { t } = useTranslation();
  return {
    doc: (type: string) => layerDoc(t, type),
    paramHelp: (type: string, key: string) => paramHelp(t, type, key),
    option: (value: string) => optionLabel(t, value),
  };
}
