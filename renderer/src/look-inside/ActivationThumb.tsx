// The activations view on a node: what the layer made of the chosen input. Feature maps as their first
// channels tiled in a small image, vectors as a strip of bars, the model's output as its class
// probabilities with the top one in text.
import { useTranslation } from 'react-i18next';
import { useMemo } from 'react';
import type { LayerActivation } from '../../../engine/api/contract';
import { useEditor } from '../editor/EditorContext';
import { grayscaleToBmpUrl } from '../training/digit-image';
import { tileMaps, vectorBars } from './activation-tiles';
import { useLookInside } from './LookInsideContext';

const STRIP = { width: 144, height: 36 };

export function ActivationThumb({ id, name }: { readonly id: string; readonly name: string }) {
  const view = useLookInside((s) => s.view);
  const activation = useLookInside((s) => s.activations?.get(name) ?? null);
  const isOutput = useEditor((s) => (s.analysis.byId.get(id)?.outputs.length ?? 1) === 0);
  if (view !== 'activations' || activation === null) return null;
  return (
    <div data-testid="node-activation" className="inside-side inside-thumb">
      {activation.maps ? (
        <MapTiles name={name} activation={activation} maps={activation.maps} />
      ) : activation.vector && isOutput ? (
        <Probabilities name={name} activation={activation} values={activation.vector.data} />
      ) : activation.vector ? (
        <Bars name={name} activation={activation} values={activation.vector.data} />
      ) : null}
    </div>
  );
}

interface PartProps {
  readonly name: string;
  readonly activation: LayerActivation;
}

function MapTiles({ name, activation, maps }: PartProps & { maps: NonNullable<LayerActivation['maps']> }) {
  const { t } = useTranslation();
  const tiles = useMemo(() => tileMaps(maps), [maps]);
  const src = useMemo(() => grayscaleToBmpUrl(tiles.pixels, tiles.width, tiles.height), [tiles]);
  return (
    <>
      <img
        className="inside-thumb__maps"
        src={src}
        alt={t('editor.inside.activations.thumb', { name, shape: activation.shape.join('×') })}
        width={tiles.width}
        height={tiles.height}
      />
      <small>{t('editor.inside.activations.channels', { shown: tiles.shown, count: maps.channels })}</small>
    </>
  );
}

function Bars({ name, activation, values }: PartProps & { values: readonly number[] }) {
  const { t } = useTranslation();
  const heights = useMemo(() => vectorBars(values), [values]);
  const w = STRIP.width / Math.max(1, heights.length);
  return (
    <svg
      className="inside-thumb__bars"
      role="img"
      aria-label={t('editor.inside.activations.thumb', { name, shape: activation.shape.join('×') })}
      width={STRIP.width}
      height={STRIP.height}
      viewBox={`0 0 ${STRIP.width} ${STRIP.height}`}
    >
      {heights.map((h, i) => (
        <rect
          key={i}
          x={i * w}
          y={STRIP.height * (1 - h)}
          width={Math.max(1, w - 1)}
          height={STRIP.height * h}
        />
      ))}
    </svg>
  );
}

function Probabilities({ name, activation, values }: PartProps & { values: readonly number[] }) {
  const { t } = useTranslation();
  const top = values.reduce((best, v, i) => (v > (values[best] ?? -Infinity) ? i : best), 0);
  const w = STRIP.width / Math.max(1, values.length);
  const text = t('editor.inside.activations.predicted', {
    label: top,
    percent: `${Math.round((values[top] ?? 0) * 100)}%`,
  });
  return (
    <>
      <svg
        className="inside-thumb__bars is-probabilities"
        role="img"
        aria-label={`${t('editor.inside.activations.thumb', { name, shape: activation.shape.join('×') })}; ${text}`}
        width={STRIP.width}
        height={STRIP.height}
        viewBox={`0 0 ${STRIP.width} ${STRIP.height}`}
      >
        {values.map((p, i) => (
          <rect
            key={i}
            className={i === top ? 'is-top' : undefined}
            x={i * w}
            y={STRIP.height * (1 - Math.max(0, Math.min(1, p)))}
            width={Math.max(1, w - 2)}
            height={STRIP.height * Math.max(0, Math.min(1, p))}
          />
        ))}
      </svg>
      <small data-testid="node-prediction">{text}</small>
    </>
  );
}
