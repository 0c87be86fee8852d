// Fetches test images by index (datasets.images) and decodes them; re-fetches when the dataset or the
// indices change, ignoring answers that arrive after a newer request.
import { useEffect, useState } from 'react';
import { decodeImages, type DecodedImages } from './digit-image';
import { useTrainingStore } from './useTrainingStore';

export type TestImages = { readonly images: DecodedImages | null; readonly error: string | null };

export function useTestImages(dataset: string, indices: readonly number[]): TestImages {
  const api = useTrainingStore((s) => s.api);
  const key = indices.join(',');
  const [state, setState] = useState<TestImages & { key: string }>({ key: '', images: null, error: null });
  useEffect(() => {
    let current = true;
    const wanted = key === '' ? [] : key.split(',').map(Number);
    if (wanted.length === 0) return;
    api
      .call('datasets.images', { dataset, split: 'test', indices: wanted })
      .then(
        (reply) =>
          current &&
          setState({
            key: `${dataset}|${key}`,
            images: decodeImages(reply.shape, reply.pixels, reply.labels),
            error: null,
          }),
      )
      .catch(
        (error: unknown) =>
          current &&
          setState({
            key: `${dataset}|${key}`,
            images: null,
            error: String((error as Error).message ?? error),
          }),
      );
    return () => {
      current = false;
    };
  }, [api, dataset, key]);
  return state.key === `${dataset}|${key}` ? state : { images: null, error: null };
}
