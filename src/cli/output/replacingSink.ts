/**
 * A regenerated image goes where the one it replaces was: the link stays as it was (only its
 * extension follows the format).
 */
import * as fs from 'fs';
import * as path from 'path';
import { sidecarPath } from '../../core/image/imageMetadata';
import { sniffImage } from '../../core/image/imageType';
import { ImageSink } from '../../core/job/ports';
import { nameForFormat } from '../../core/output/outputPlan';

function moveOver(from: string, to: string): void {
  try {
    fs.renameSync(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') {
      throw error;
    }
    fs.copyFileSync(from, to);
    fs.unlinkSync(from);
  }
}

/**
 * Saves as the sink does, then moves the file over the one it replaces (its extension following the
 * format), so that the link stays as it was; a sidecar moves with it.
 */
export function replacingSink<T>(sink: ImageSink<T, string>, replaces: string | undefined): ImageSink<T, string> {
  if (replaces === undefined) {
    return sink;
  }
  return {
    save: async (image, target) => {
      const saved = await sink.save(image, target);
      const format = sniffImage(fs.readFileSync(saved.location).subarray(0, 64))?.format ?? image.info.format;
      const wanted = path.join(path.dirname(replaces), nameForFormat(path.basename(replaces), format));
      if (saved.location === wanted) {
        return saved;
      }
      moveOver(saved.location, wanted);
      if (saved.sidecar) {
        moveOver(sidecarPath(saved.location), sidecarPath(wanted));
      }
      return { ...saved, location: wanted, key: wanted };
    },
    locate: (key) => sink.locate(key),
  };
}
