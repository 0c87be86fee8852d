// Layer descriptions, parameter help and option labels in the UI language. English comes from the
// layer definitions themselves (en/layers.ts), so a missing translation falls back to the engine's text.
import type { TFunction } from 'i18next';
import { getLayer } from '../../../engine';

export interface LayerText {
  readonly doc: string;
  readonly params: Readonly<Record<string, string>>;
}

export function layerDoc(t: TFunction, type: string): string {
  return t(`layers.${type}.doc`, { defaultValue: getLayer(type)?.doc ?? '' });
}

export function paramHelp(t: TFunction, type: string, key: string): string {
  return t(`layers.${type}.params.${key}`, { defaultValue: getLayer(type)?.params[key]?.doc ?? '' });
}

/** A choice's label: the Keras name, with an explanation where the language has one. */
export function optionLabel(t: TFunction, option: string): string {
  return t(`layerOptions.${option}`, { defaultValue: option });
}
