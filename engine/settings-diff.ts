// What changed between two runs' training settings, in the short words of a chart marker
// ("lr 0.001 → 0.0005", "epochs 5 → 10"). Settings are flat records of plain values.
import { formatValue } from './graph-diff';

export interface SettingDiff {
  readonly key: string;
  readonly from: string;
  readonly to: string;
}

/** The short names people use; other settings keep their own. */
const SHORT_NAMES: Readonly<Record<string, string>> = {
  learning_rate: 'lr',
  batch_size: 'batch',
  validation_split: 'validation',
  memory_budget_mb: 'memory MiB',
};

/** The settings whose values differ, in `after`'s key order (keys only one side has count too). */
export function diffSettings(before: object, after: object): SettingDiff[] {
  const value = (settings: object, key: string): unknown => (settings as Record<string, unknown>)[key];
  const keys = [...new Set([...Object.keys(after), ...Object.keys(before)])];
  return keys.flatMap((key) => {
    const from = formatValue(value(before, key));
    const to = formatValue(value(after, key));
    return from === to ? [] : [{ key, from, to }];
  });
}

export const settingText = (d: SettingDiff): string => `${SHORT_NAMES[d.key] ?? d.key} ${d.from} → ${d.to}`;
