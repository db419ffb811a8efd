/**
 * The codec bundle's entry (dist/codecs.js, its wasm in dist/codecs/): jSquash's PNG, JPEG (MozJPEG)
 * and WebP (libwebp, SIMD encoder) codecs and its Lanczos resize, all WebAssembly, so one package
 * works on every platform. Loaded only when a conversion runs (loadCodecs.ts), never at activation.
 *
 * In Node, jSquash cannot fetch its own wasm (jSquash #38) and a CommonJS bundle has no
 * import.meta.url: each wasm is read and compiled here and handed to the codec's init, and
 * locateFile points at the folder for any path the glue still builds.
 */
import * as fs from 'fs';
import * as path from 'path';
import { isMainThread, parentPort, workerData } from 'worker_threads';
import type { OutputFormat } from '../../core/output/outputPlan';
import { sniffImage } from '../../core/image/imageType';
import type { CodecModule, Codecs, Pixels } from './codecTypes';
import { installImageData } from './imageDataShim';

type EmscriptenCodec = { encode?(data: Uint8ClampedArray, width: number, height: number, options: object): Uint8Array | null; decode?(bytes: ArrayBuffer | Uint8Array, ...rest: unknown[]): Pixels | null };

const LANCZOS3 = 3;
/** Node has WebAssembly; the project's type libraries do not describe it. */
type WasmModule = object;
const wasmApi = (globalThis as unknown as { WebAssembly: { compile(bytes: Uint8Array): Promise<WasmModule> } }).WebAssembly;
const importPng = () => import('@jsquash/png/codec/pkg/squoosh_png.js');
const importResize = () => import('@jsquash/resize/lib/resize/pkg/squoosh_resize.js');

function bufferOf(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

function isOpaque(pixels: Pixels): boolean {
  for (let at = 3; at < pixels.data.length; at += 4) {
    if (pixels.data[at] !== 255) return false;
  }
  return true;
}

export const codecsIn: CodecModule['codecsIn'] = (wasmFolder: string): Codecs => {
  installImageData();
  const compiled = new Map<string, Promise<WasmModule>>();
  const wasm = (file: string) => {
    if (!compiled.has(file)) compiled.set(file, fs.promises.readFile(path.join(wasmFolder, file)).then((bytes) => wasmApi.compile(bytes)));
    return compiled.get(file) as Promise<WasmModule>;
  };
  const options = { locateFile: (file: string) => path.join(wasmFolder, file) };
  const emscripten = new Map<string, Promise<EmscriptenCodec>>();
  const loadEmscripten = (file: string, factory: () => Promise<{ default: unknown }>) => {
    if (!emscripten.has(file)) {
      emscripten.set(file, Promise.all([factory(), wasm(file), import('@jsquash/webp/utils.js')]).then(([glue, module, utils]) =>
        utils.initEmscriptenModule(glue.default as never, module as never, options) as unknown as Promise<EmscriptenCodec>));
    }
    return emscripten.get(file) as Promise<EmscriptenCodec>;
  };
  let png: ReturnType<typeof importPng> | undefined;
  const pngCodec = () => (png ??= importPng().then(async (codec) => (await codec.default((await wasm('squoosh_png_bg.wasm')) as never), codec)));
  let resizer: ReturnType<typeof importResize> | undefined;
  const resizeCodec = () => (resizer ??= importResize().then(async (codec) => (await codec.default((await wasm('squoosh_resize_bg.wasm')) as never), codec)));

  return {
    async decode(bytes) {
      const format = sniffImage(bytes)?.format;
      let pixels: Pixels | null | undefined;
      if (format === 'png') {
        pixels = (await pngCodec()).decode(bytes) as Pixels;
      } else if (format === 'jpeg') {
        pixels = (await loadEmscripten('mozjpeg_dec.wasm', () => import('@jsquash/jpeg/codec/dec/mozjpeg_dec.js'))).decode?.(bufferOf(bytes), false);
      } else if (format === 'webp') {
        pixels = (await loadEmscripten('webp_dec.wasm', () => import('@jsquash/webp/codec/dec/webp_dec.js'))).decode?.(bufferOf(bytes));
      }
      if (!pixels) throw new Error(`Cannot decode this image (${format ?? 'not PNG, JPEG or WebP'}).`);
      return { data: pixels.data, width: pixels.width, height: pixels.height };
    },
    async resize(pixels, width, height) {
      const codec = await resizeCodec();
      // Gamma-space and straight alpha for an opaque image: the same look, over 300 ms less at 2048².
      const alpha = !isOpaque(pixels);
      const out = codec.resize(new Uint8Array(pixels.data.buffer, pixels.data.byteOffset, pixels.data.byteLength), pixels.width, pixels.height, width, height, LANCZOS3, alpha, false);
      return { data: new Uint8ClampedArray(out.buffer, out.byteOffset, out.byteLength), width, height };
    },
    async encode(pixels, format: OutputFormat, quality) {
      if (format === 'png') {
        return (await pngCodec()).encode(new Uint8Array(pixels.data.buffer, pixels.data.byteOffset, pixels.data.byteLength), pixels.width, pixels.height, 8);
      }
      const [file, glue, defaults] =
        format === 'webp'
          ? (['webp_enc_simd.wasm', () => import('@jsquash/webp/codec/enc/webp_enc_simd.js'), (await import('@jsquash/webp/meta.js')).defaultOptions] as const)
          : (['mozjpeg_enc.wasm', () => import('@jsquash/jpeg/codec/enc/mozjpeg_enc.js'), (await import('@jsquash/jpeg/meta.js')).defaultOptions] as const);
      const encoded = (await loadEmscripten(file, glue)).encode?.(pixels.data, pixels.width, pixels.height, { ...defaults, quality });
      if (!encoded) throw new Error(`The ${format} encoder failed.`);
      return new Uint8Array(encoded.buffer, encoded.byteOffset, encoded.byteLength).slice();
    },
  };
};

/** Run as a worker (codecWorker.ts starts one): each message is one codec call, answered by id. */
if (!isMainThread && parentPort && (workerData as { sparkImageCodecs?: string } | undefined)?.sparkImageCodecs) {
  const port = parentPort;
  const codecs = codecsIn((workerData as { sparkImageCodecs: string }).sparkImageCodecs);
  port.on('message', ({ id, method, args }: { id: number; method: keyof Codecs; args: unknown[] }) => {
    (codecs[method] as (...values: unknown[]) => Promise<Pixels | Uint8Array>)(...args).then(
      (result) => port.postMessage({ id, result }, [('data' in result ? result.data : result).buffer as ArrayBuffer]),
      (error: unknown) => port.postMessage({ id, error: error instanceof Error ? error.message : String(error) }),
    );
  });
}
