import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { pricesFromObject, QualityClass, UnitPrices, unitPriceFromBill } from '../core/spend/pricing';

/**
 * The unit prices the CLI and the MCP server learned from bills, in `<state>/prices.json`
 * (`{"1k": 0.0285, "2k": 0.06}`), so the next run's estimates and caps use them. A missing or
 * unreadable file is simply no lesson yet: the assumption applies.
 */
export class PriceStore {
  readonly file: string;

  constructor(stateDir: string) {
    this.file = path.join(stateDir, 'prices.json');
  }

  learned(): Partial<UnitPrices> {
    try {
      return pricesFromObject(JSON.parse(fs.readFileSync(this.file, 'utf8')));
    } catch {
      return {};
    }
  }

  /**
   * Remembers what a completed task's bill teaches (nothing, for a cost that is null, "", 0 or not
   * finite). A state folder that cannot be written costs the lesson, never the delivered image:
   * `onError` is told instead.
   */
  learnFromBill(cost: unknown, images: number, width: number, height: number, onError?: (message: string) => void): QualityClass | undefined {
    const lesson = unitPriceFromBill(cost, images, width, height);
    if (!lesson) {
      return undefined;
    }
    try {
      this.write({ ...this.learned(), [lesson.quality]: lesson.unitUsd });
      return lesson.quality;
    } catch (error) {
      onError?.(`the billed price could not be remembered in ${this.file}: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
  }

  private write(prices: Partial<UnitPrices>): void {
    fs.mkdirSync(path.dirname(this.file), { recursive: true, mode: 0o700 });
    const temp = `${this.file}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
    try {
      fs.writeFileSync(temp, `${JSON.stringify(prices)}\n`, { flag: 'wx' });
      fs.renameSync(temp, this.file);
    } finally {
      fs.rmSync(temp, { force: true });
    }
  }
}
