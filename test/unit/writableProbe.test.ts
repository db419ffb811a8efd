import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { proveWritable } from '../../src/node/writableProbe';

describe('proveWritable: a destination is proven by making a file there, before anything is paid', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spark-probe-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('a writable folder: ok, and the probe file is gone', () => {
    assert.deepStrictEqual(proveWritable(dir), { ok: true });
    assert.deepStrictEqual(fs.readdirSync(dir), []);
  });

  it('makes the missing folders, which stay, empty', () => {
    const folder = path.join(dir, 'a', 'b', 'c');
    assert.deepStrictEqual(proveWritable(folder), { ok: true });
    assert.ok(fs.statSync(folder).isDirectory());
    assert.deepStrictEqual(fs.readdirSync(folder), []);
  });

  it('a parent that is a regular file: refused, naming the folder and the reason', () => {
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'text');
    const folder = path.join(dir, 'notes.txt', 'images');
    assert.deepStrictEqual(proveWritable(folder), { ok: false, folder, reason: `${path.join(dir, 'notes.txt')} is a file, not a folder` });
    assert.deepStrictEqual(fs.readdirSync(dir), ['notes.txt']);
  });

  it('a folder path that is a file: refused', () => {
    const file = path.join(dir, 'images');
    fs.writeFileSync(file, 'text');
    assert.deepStrictEqual(proveWritable(file), { ok: false, folder: file, reason: `${file} is a file, not a folder` });
  });

  it('/proc, even as root, and a new folder under it (where mkdir -p would never return): refused at once', () => {
    const refused = proveWritable('/proc');
    assert.strictEqual(refused.ok, false);
    assert.match(refused.ok ? '' : refused.reason, /\(E[A-Z]+\)$/);
    assert.deepStrictEqual(proveWritable('/proc/spark-image-kites'), { ok: false, folder: '/proc/spark-image-kites', reason: 'the file system does not let files be made there (ENOENT)' });
  });
});
