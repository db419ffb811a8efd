import * as fs from 'fs';
import * as path from 'path';
import { embedProvenance } from '../../src/core/image/imageMetadata';
import { Provenance } from '../../src/core/image/provenance';
import { PROJECT_ROOT } from '../rig/layout';
import { makePicture } from '../mock/picture';
import { encodePng } from '../mock/png';

/**
 * The demo workspace's already generated illustration (docs/gallery.md links it below its
 * directive): the mock's own picture for that prompt and seed, with the provenance the extension
 * writes, so Regenerate and Same Seed work on it as on any image the extension made.
 * `node out/test/demo/demoImage.js` writes it again; the unit test checks the committed file.
 */
export const DEMO_IMAGE = {
  file: path.join(PROJECT_ROOT, 'test/fixtures/demo-docs/docs/images/a-paper-lantern-festival-over-a-river-at-night-7.png'),
  prompt: 'A paper lantern festival over a river at night',
  seed: 7,
  width: 1328,
  height: 1328,
};

export function demoImageBytes(): Uint8Array {
  const { prompt, seed, width, height } = DEMO_IMAGE;
  const provenance: Provenance = {
    tool: 'spark-image',
    prompt,
    seed,
    width,
    height,
    model: 'spark_image_3_1',
    usePreLlm: true,
    taskId: 'task_demo_0001',
    costUsd: 0.03,
    generatedImages: 1,
    createdAt: '2026-01-01T00:00:00.000Z',
    completedAt: '2026-01-01T00:00:07.000Z',
  };
  const bytes = embedProvenance(encodePng(makePicture(prompt, seed, 0, width, height)), provenance);
  if (!bytes) {
    throw new Error('the provenance could not be embedded in the demo image');
  }
  return bytes;
}

if (require.main === module) {
  fs.mkdirSync(path.dirname(DEMO_IMAGE.file), { recursive: true });
  fs.writeFileSync(DEMO_IMAGE.file, demoImageBytes());
  console.log(`wrote ${path.relative(PROJECT_ROOT, DEMO_IMAGE.file)}`);
}
