import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { embedProvenance, sidecarPath, sidecarText } from '../../src/core/image/imageMetadata';
import { Provenance } from '../../src/core/image/provenance';
import { imageBytesRead, readProvenanceFile } from '../../src/cli/docs/provenanceFile';
import { encodeJpeg } from '../mock/jpeg';
import { makePicture } from '../mock/picture';
import { encodePng } from '../mock/png';

const PROVENANCE: Provenance = {
  tool: 'spark-image',
  prompt: 'A harbour at night',
  seed: 77,
  width: 1664,
  height: 936,
  model: 'spark_image_3_1',
  usePreLlm: false,
  taskId: 'task-77',
  createdAt: '2026-01-01T00:00:00.000Z',
  completedAt: '2026-01-01T00:00:04.000Z',
};

describe('provenance of an image file, as spark-image docs reads it', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spark-provenance-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('from a PNG text chunk, reading a small part of the file', () => {
    const file = path.join(dir, 'a.png');
    const bytes = embedProvenance(encodePng(makePicture('x', 1, 0, 256, 256)), PROVENANCE) ?? assert.fail('embeds');
    fs.writeFileSync(file, bytes);
    const before = imageBytesRead.total;
    assert.deepStrictEqual(readProvenanceFile(file), PROVENANCE);
    const read = imageBytesRead.total - before;
    assert.ok(read < 1_000 && read < bytes.length / 4, `read ${read} of ${bytes.length} bytes`);
  });

  it('from a JPEG comment', () => {
    const file = path.join(dir, 'a.jpg');
    fs.writeFileSync(file, embedProvenance(encodeJpeg(makePicture('x', 1, 0, 64, 64)), PROVENANCE) ?? assert.fail('embeds'));
    assert.deepStrictEqual(readProvenanceFile(file), PROVENANCE);
  });

  it('from the sidecar when the format has no place for it; none when neither has it or the file is missing', () => {
    const webp = path.join(dir, 'a.webp');
    fs.writeFileSync(webp, Buffer.from('RIFF\0\0\0\0WEBPVP8 '));
    assert.strictEqual(readProvenanceFile(webp), undefined);
    fs.writeFileSync(sidecarPath(webp), sidecarText(PROVENANCE));
    assert.deepStrictEqual(readProvenanceFile(webp), PROVENANCE);
    const plain = path.join(dir, 'plain.png');
    fs.writeFileSync(plain, encodePng(makePicture('y', 2, 0, 8, 8)));
    assert.strictEqual(readProvenanceFile(plain), undefined);
    assert.strictEqual(readProvenanceFile(path.join(dir, 'nowhere.png')), undefined);
  });
});
