// What the canvas shows inside each layer: the view (health badges, time bars or activation thumbnails)
// and, for the activations view, the chosen input and every layer's output for it. A small zustand
// store per canvas, so the nodes read only what they show.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { LayerActivation } from '../../../engine/api/contract';

export type InsideView = 'health' | 'time' | 'activations';
export const INSIDE_VIEWS: readonly InsideView[] = ['health', 'time', 'activations'];

/** The input the activations are for: a test image by index, or the drawing pad's digit. */
export type InsideInput = { readonly kind: 'test'; readonly index: number } | { readonly kind: 'drawing' };

export interface LookInsideState {
  readonly view: InsideView;
  readonly input: InsideInput | null;
  /** Each layer's output for the input, by layer name; null until one arrives. */
  readonly activations: ReadonlyMap<string, LayerActivation> | null;
  readonly loading: boolean;
  readonly error: string | null;
}

export interface LookInsideActions {
  setView(view: InsideView): void;
  setInput(input: InsideInput | null): void;
  setActivations(layers: readonly LayerActivation[] | null, error?: string | null): void;
  setLoading(loading: boolean): void;
}

export type LookInsideStore = LookInsideState & LookInsideActions;
export type LookInsideStoreApi = StoreApi<LookInsideStore>;

export const INITIAL_INSIDE: LookInsideState = {
  view: 'health',
  input: null,
  activations: null,
  loading: false,
  error: null,
};

export function createLookInsideStore(initial: Partial<LookInsideState> = {}): LookInsideStoreApi {
  return createStore<LookInsideStore>()((set) => ({
    ...INITIAL_INSIDE,
    ...initial,
    setView: (view) => set({ view }),
    setInput: (input) => set({ input }),
    setActivations: (layers, error = null) =>
      set({
        activations: layers === null ? null : new Map(layers.map((l) => [l.name, l])),
        error,
        loading: false,
      }),
    setLoading: (loading) => set({ loading }),
  }));
}
