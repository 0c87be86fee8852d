// One small grayscale test image, drawn from its pixels as a BMP data: URL (scaled up, pixelated).
import { useMemo } from 'react';
import { grayscaleToBmpUrl } from './digit-image';

export interface DigitImageProps {
  readonly pixels: Uint8Array;
  readonly width: number;
  readonly height: number;
  readonly alt: string;
  readonly size?: number;
}

export function DigitImage({ pixels, width, height, alt, size = 56 }: DigitImageProps) {
  const src = useMemo(() => grayscaleToBmpUrl(pixels, width, height), [pixels, width, height]);
  return <img className="training-digit" src={src} alt={alt} width={size} height={size} />;
}
