// The inspector's look at what the selected layer made of the chosen input (activations view on, an
// input picked): every channel of its output that the reply holds, larger than the node's thumbnail,
// and, for a layer with a 4-D kernel (a convolution), its trained filters as small images.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { LayerActivation } from '../../../engine/api/contract';
import { useEditor } from '../editor/EditorContext';
import { grayscaleToBmpUrl } from '../training/digit-image';
import type { TrainingStore } from '../training/training-store';
import { tileMaps } from './activation-tiles';
import { kernelImages, kernelTensor } from './kernel-images';
import { useLookInside } from './LookInsideContext';
import { selectRunOnShow, useTrainingSelect } from './useRunOnShow';

/** Channels per row in the inspector's grid. */
const GRID_COLUMNS = 8;

const selectWeights = (s: TrainingStore) => {
  const id = selectRunOnShow(s);
  return id === null ? undefined : s.weights[id];
};

export function LayerActivationsSection({ nodeId }: { readonly nodeId: string }) {
  const name = useEditor((s) => s.analysis.byId.get(nodeId)?.name);
  const view = useLookInside((s) => s.view);
  const activation = useLookInside((s) => (name === undefined ? null : (s.activations?.get(name) ?? null)));
  const weights = useTrainingSelect(selectWeights);
  const kernels = useMemo(() => {
    const kernel = name === undefined ? null : kernelTensor(weights, name);
    return kernel === null ? [] : kernelImages(kernel.shape, kernel.values);
  }, [weights, name]);
  if (view !== 'activations' || name === undefined) return null;
  if (activation?.maps === undefined && kernels.length === 0) return null;
  return (
    <section className="inspector-activations" data-testid="inspector-activations">
      {activation?.maps && <ChannelGrid name={name} activation={activation} maps={activation.maps} />}
      {kernels.length > 0 && <Kernels name={name} kernels={kernels} />}
    </section>
  );
}

function ChannelGrid(props: {
  name: string;
  activation: LayerActivation;
  maps: NonNullable<LayerActivation['maps']>;
}) {
  const { t } = useTranslation();
  const { name, activation, maps } = props;
  const tiles = useMemo(() => tileMaps(maps, maps.data.length, GRID_COLUMNS), [maps]);
  const src = useMemo(() => grayscaleToBmpUrl(tiles.pixels, tiles.width, tiles.height), [tiles]);
  return (
    <figure className="inspector-activations__grid" data-testid="inspector-channel-grid">
      <figcaption>{t('editor.insideInspector.grid', { name })}</figcaption>
      <img
        src={src}
        alt={t('editor.inside.activations.thumb', { name, shape: activation.shape.join('×') })}
        width={tiles.width}
        height={tiles.height}
        data-channels={tiles.shown}
      />
      <small>{t('editor.inside.activations.channels', { shown: tiles.shown, count: maps.channels })}</small>
    </figure>
  );
}

function Kernels({ name, kernels }: { name: string; kernels: ReturnType<typeof kernelImages> }) {
  const { t } = useTranslation();
  const urls = useMemo(() => kernels.map((k) => grayscaleToBmpUrl(k.pixels, k.width, k.height)), [kernels]);
  return (
    <figure className="inspector-activations__kernels" data-testid="inspector-kernels">
      <figcaption>{t('editor.insideInspector.kernels', { name })}</figcaption>
      <div className="inspector-activations__kernel-row">
        {urls.map((src, i) => (
          <img key={i} src={src} alt={t('editor.insideInspector.kernel', { index: i + 1 })} />
        ))}
      </div>
    </figure>
  );
}
