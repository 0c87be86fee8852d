// The terminal progress line of `layerwise train`: epoch, a bar, metrics, speed and ETA, redrawn in
// place at most as often as batch events arrive (20 per second).
import type { BatchEvent, ProgressEvent } from '../../engine/api/events';

const WIDTH = 24;

export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${rest}` : `${m}:${rest}`;
}

export function progressLine(
  epochs: number,
  batch: BatchEvent,
  progress: ProgressEvent | undefined,
  stepsPerEpoch: number,
): string {
  const fraction = batch.step / stepsPerEpoch;
  const filled = Math.round(fraction * WIDTH);
  const bar = `${'█'.repeat(filled)}${'░'.repeat(WIDTH - filled)}`;
  const eta = progress?.eta_seconds == null ? '' : ` · ETA ${formatDuration(progress.eta_seconds)}`;
  return `epoch ${batch.epoch}/${epochs} ${bar} ${String(batch.step).padStart(String(stepsPerEpoch).length)}/${stepsPerEpoch} · loss ${batch.epoch_loss.toFixed(4)} · acc ${(batch.epoch_accuracy * 100).toFixed(2)}% · ${Math.round(batch.samples_per_second).toLocaleString('en-US')} samples/s${eta}`;
}
