// Test images for display: decodes datasets.images' base64 pixels and encodes one grayscale image as a
// BMP data: URL (the CSP allows data: images), so no canvas is needed to show them.

export interface DecodedImages {
  readonly width: number;
  readonly height: number;
  readonly images: readonly Uint8Array[];
  readonly labels: readonly number[];
}

export function decodeImages(
  shape: readonly number[],
  pixelsBase64: string,
  labels: readonly number[],
): DecodedImages {
  const binary = atob(pixelsBase64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  const height = shape[0] ?? 28;
  const width = shape[1] ?? 28;
  const channels = shape[2] ?? 1;
  const size = width * height * channels;
  const images: Uint8Array[] = [];
  for (let i = 0; i < labels.length; i++) {
    const image = bytes.subarray(i * size, (i + 1) * size);
    images.push(channels === 1 ? image : image.filter((_, j) => j % channels === 0));
  }
  return { width, height, images, labels };
}

/** A 24-bit BMP of grayscale pixels (row-major, top row first) as a data: URL. */
export function grayscaleToBmpUrl(pixels: ArrayLike<number>, width: number, height: number): string {
  const rowSize = Math.ceil((width * 3) / 4) * 4;
  const dataSize = rowSize * height;
  const bytes = new Uint8Array(54 + dataSize);
  const view = new DataView(bytes.buffer);
  bytes[0] = 0x42; // 'B'
  bytes[1] = 0x4d; // 'M'
  view.setUint32(2, bytes.length, true);
  view.setUint32(10, 54, true); // pixel data offset
  view.setUint32(14, 40, true); // BITMAPINFOHEADER
  view.setInt32(18, width, true);
  view.setInt32(22, -height, true); // negative: top-down rows
  view.setUint16(26, 1, true); // planes
  view.setUint16(28, 24, true); // bits per pixel
  view.setUint32(34, dataSize, true);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const v = pixels[y * width + x] as number;
      const at = 54 + y * rowSize + x * 3;
      bytes[at] = bytes[at + 1] = bytes[at + 2] = v;
    }
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return `data:image/bmp;base64,${btoa(binary)}`;
}
