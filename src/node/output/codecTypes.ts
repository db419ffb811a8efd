/** The contract between the lazy loader and the codec bundle (dist/codecs.js): types only, nothing loads. */
import type { OutputFormat } from '../../core/output/outputPlan';

/** RGBA, 8 bits a channel, row after row. */
export interface Pixels {
  data: Uint8ClampedArray;
  width: number;
  height: number;
}

export interface Codecs {
  decode(bytes: Uint8Array): Promise<Pixels>;
  /** Lanczos3, never called to enlarge. */
  resize(pixels: Pixels, width: number, height: number): Promise<Pixels>;
  encode(pixels: Pixels, format: OutputFormat, quality: number): Promise<Uint8Array>;
}

/** What dist/codecs.js exports. */
export interface CodecModule {
  /** The codecs, their wasm read from `wasmFolder` and compiled by us. */
  codecsIn(wasmFolder: string): Codecs;
}

