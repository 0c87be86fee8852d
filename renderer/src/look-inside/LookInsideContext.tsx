// The look-inside store of one canvas, for its nodes and its view switch. Without a provider (a node
// rendered on its own) the hooks read the initial state: the health view, no activations.
import { createContext, useContext, useState, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { createLookInsideStore, type LookInsideStore, type LookInsideStoreApi } from './look-inside-store';

const LookInsideContext = createContext<LookInsideStoreApi | null>(null);
const fallback = createLookInsideStore();

export function LookInsideProvider({ store, children }: { store?: LookInsideStoreApi; children: ReactNode }) {
  // Inside another provider (the workbench's, shared with the inspector) the outer store is the one.
  const outer = useContext(LookInsideContext);
  const [own] = useState(() => store ?? outer ?? createLookInsideStore());
  return <LookInsideContext value={own}>{children}</LookInsideContext>;
}

export function useLookInsideApi(): LookInsideStoreApi {
  return useContext(LookInsideContext) ?? fallback;
}

export function useLookInside<T>(selector: (state: LookInsideStore) => T): T {
  return useStore(useLookInsideApi(), selector);
}
