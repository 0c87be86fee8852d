// Looking inside a trained model on the canvas: health badges, time bars and activation thumbnails.
export { ActivationThumb } from './ActivationThumb';
export { HealthBadge } from './HealthBadge';
export { LookInsidePanel } from './LookInsidePanel';
export { LookInsideProvider } from './LookInsideContext';
export { TimeBar } from './TimeBar';
export { useSideViewsInView } from './useSideViewsInView';
