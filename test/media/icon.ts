import * as fs from 'fs';
import * as path from 'path';
import { PROJECT_ROOT } from '../rig/layout';
import type { Picture, Rgb } from '../mock/picture';
import { encodePng } from '../mock/png';

/**
 * The extension's 128×128 marketplace icon, drawn by code so it can be made again exactly:
 * a picture frame (sky, hill, sun) on the banner's dark blue, and the spark that makes it.
 * `node out/test/media/icon.js` writes media/icon.png; the unit test checks the committed file.
 */
export const ICON_FILE = path.join(PROJECT_ROOT, 'media', 'icon.png');
export const ICON_SIZE = 128;

const BACKGROUND: Rgb = [0x1f, 0x24, 0x30];
const FRAME: Rgb = [0x6b, 0x8c, 0xff];
const SKY: Rgb = [0x2b, 0x31, 0x42];
const HILL: Rgb = [0x3f, 0x9d, 0x7b];
const SUN: Rgb = [0xff, 0xc8, 0x57];
const SPARK: Rgb = [0xff, 0xe0, 0x8a];

/** The colour at a point of the 128-unit square; later layers are drawn over earlier ones. */
function colorAt(x: number, y: number): Rgb {
  // The spark: a four-pointed star, |dx|^0.5 + |dy|^0.5 <= r^0.5 gives the concave points.
  const sx = Math.abs(x - 94);
  const sy = Math.abs(y - 34);
  if (Math.sqrt(sx) + Math.sqrt(sy) <= Math.sqrt(26)) {
    return SPARK;
  }
  const inFrame = x >= 14 && x <= 100 && y >= 38 && y <= 112;
  const inPicture = x >= 20 && x <= 94 && y >= 44 && y <= 106;
  if (inPicture) {
    if ((x - 44) ** 2 + (y - 64) ** 2 <= 9 ** 2) {
      return SUN;
    }
    // A hill: the area under a parabola across the picture.
    if (y >= 106 - 40 * (1 - ((x - 66) / 40) ** 2)) {
      return HILL;
    }
    return SKY;
  }
  return inFrame ? FRAME : BACKGROUND;
}

/** Each pixel averages 4×4 samples, so the edges are smooth. */
export function iconPicture(size = ICON_SIZE): Picture {
  const scale = 128 / size;
  const pixel = (px: number, py: number): Rgb => {
    const sum = [0, 0, 0];
    for (let i = 0; i < 4; i++) {
      for (let j = 0; j < 4; j++) {
        const color = colorAt((px + (i + 0.5) / 4) * scale, (py + (j + 0.5) / 4) * scale);
        sum[0] += color[0];
        sum[1] += color[1];
        sum[2] += color[2];
      }
    }
    return [Math.round(sum[0] / 16), Math.round(sum[1] / 16), Math.round(sum[2] / 16)];
  };
  return {
    width: size,
    height: size,
    colorAt: pixel,
    fillRow: (y, row) => {
      for (let x = 0; x < size; x++) {
        row.set(pixel(x, y), x * 3);
      }
    },
  };
}

export function iconBytes(): Buffer {
  return encodePng(iconPicture());
}

if (require.main === module) {
  fs.writeFileSync(ICON_FILE, iconBytes());
  console.log(`wrote ${path.relative(PROJECT_ROOT, ICON_FILE)}`);
}
