/** jSquash's decoders return `new ImageData(...)`, a browser class Node lacks: the smallest stand-in. */
export function installImageData(): void {
  const scope = globalThis as { ImageData?: unknown };
  scope.ImageData ??= class ImageData {
    constructor(
      readonly data: Uint8ClampedArray,
      readonly width: number,
      readonly height: number,
    ) {}
  };
}
