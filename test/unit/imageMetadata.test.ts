import * as assert from 'assert';
import { inflateSync } from 'zlib';
import { crc32, embedProvenance, parseSidecar, readEmbeddedProvenance, sidecarPath, sidecarText } from '../../src/core/image/imageMetadata';
import { sniffImage } from '../../src/core/image/imageType';
import { Provenance } from '../../src/core/image/provenance';
import { encodeJpeg } from '../mock/jpeg';
import { encodePng } from '../mock/png';
import { makePicture } from '../mock/picture';

const provenance: Provenance = {
  tool: 'spark-image',
  prompt: 'Ein Fuchs 狐狸 "quoted"',
  seed: 42,
  width: 64,
  height: 32,
  model: 'spark_image_3_1',
  usePreLlm: false,
  taskId: 'task_1',
  costUsd: 0.03,
  createdAt: '2024-01-01T00:00:00.000Z',
  completedAt: '2024-01-01T00:00:05.000Z',
};

function picture(width: number, height: number) {
  return makePicture('metadata test', 1, 0, width, height);
}

/** Walks a PNG, checking each chunk's CRC; returns the chunk types. */
function checkedChunks(bytes: Uint8Array): string[] {
  const buffer = Buffer.from(bytes);
  const types: string[] = [];
  let at = 8;
  while (at < buffer.length) {
    const length = buffer.readUInt32BE(at);
    const type = buffer.toString('latin1', at + 4, at + 8);
    assert.strictEqual(buffer.readUInt32BE(at + 8 + length), crc32(buffer.subarray(at + 4, at + 8 + length)), `CRC of ${type}`);
    types.push(type);
    at += 12 + length;
  }
  return types;
}

describe('image metadata (provenance inside the image)', () => {
  it('CRC-32 matches the standard check value', () => {
    assert.strictEqual(crc32(new TextEncoder().encode('123456789')), 0xcbf43926);
  });

  it('PNG: an iTXt chunk after IHDR with a correct CRC; reads back; the image is unchanged', () => {
    const png = encodePng(picture(64, 32));
    const tagged = embedProvenance(png, provenance);
    assert.ok(tagged);
    assert.deepStrictEqual(checkedChunks(tagged).slice(0, 2), ['IHDR', 'iTXt']);
    assert.deepStrictEqual(readEmbeddedProvenance(tagged), provenance);
    assert.deepStrictEqual(sniffImage(tagged), sniffImage(png));
    const idat = (bytes: Uint8Array) => {
      const buffer = Buffer.from(bytes);
      const at = buffer.indexOf('IDAT');
      return inflateSync(buffer.subarray(at + 4, at + 4 + buffer.readUInt32BE(at - 4)));
    };
    assert.deepStrictEqual(idat(tagged), idat(png));
    // Embedding again replaces the record instead of adding a second one.
    const again = embedProvenance(tagged, { ...provenance, seed: 7 });
    assert.ok(again);
    assert.strictEqual(checkedChunks(again).filter((type) => type === 'iTXt').length, 1);
    assert.strictEqual(readEmbeddedProvenance(again)?.seed, 7);
  });

  it('PNG: a tEXt chunk of ours is read too; other text chunks are ignored', () => {
    const png = Buffer.from(encodePng(picture(8, 8)));
    const chunk = (type: string, data: Buffer) => {
      const head = Buffer.alloc(8);
      head.writeUInt32BE(data.length);
      head.write(type, 4, 'latin1');
      const crc = Buffer.alloc(4);
      crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])));
      return Buffer.concat([head, data, crc]);
    };
    const other = chunk('tEXt', Buffer.from('Comment\0hello', 'latin1'));
    const ours = chunk('tEXt', Buffer.from(`spark-image\0${JSON.stringify({ ...provenance, prompt: 'latin' })}`, 'latin1'));
    const bytes = Buffer.concat([png.subarray(0, 33), other, ours, png.subarray(33)]);
    assert.strictEqual(readEmbeddedProvenance(bytes)?.prompt, 'latin');
    assert.strictEqual(readEmbeddedProvenance(Buffer.concat([png.subarray(0, 33), other, png.subarray(33)])), undefined);
  });

  it('JPEG: a COM segment that reads back and keeps the image decodable in size', () => {
    const jpeg = encodeJpeg(picture(64, 32));
    const tagged = embedProvenance(jpeg, provenance);
    assert.ok(tagged);
    assert.deepStrictEqual(readEmbeddedProvenance(tagged), provenance);
    assert.deepStrictEqual(sniffImage(tagged), sniffImage(jpeg));
    const again = embedProvenance(tagged, { ...provenance, seed: 43 });
    assert.ok(again);
    assert.strictEqual(again.length, tagged.length, 'replaced, not added');
    assert.strictEqual(readEmbeddedProvenance(again)?.seed, 43);
  });

  it('anything else: nothing embedded; a sidecar instead; garbage reads as nothing', () => {
    const webp = new TextEncoder().encode('RIFF\0\0\0\0WEBPVP8 ');
    assert.strictEqual(embedProvenance(webp, provenance), undefined);
    assert.strictEqual(sidecarPath('/a/b.webp'), '/a/b.webp.json');
    assert.deepStrictEqual(parseSidecar(sidecarText(provenance)), provenance);
    assert.strictEqual(parseSidecar('{"tool":"other"}'), undefined);
    assert.strictEqual(readEmbeddedProvenance(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0])), undefined);
  });
});
