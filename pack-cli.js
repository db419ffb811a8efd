// `npm run pack:cli`: the spark-image command as its own npm package, for docs repositories and CI
// that have no VS Code. The tarball holds only the CLI bundle and the codec bundle with its wasm
// (no dependencies: everything is bundled), its README and the licence. Writes dist-cli/spark-image-cli-VERSION.tgz and a copy
// without the version, dist-cli/spark-image-cli.tgz, for scripts that should not name it.
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = __dirname;
const out = path.join(root, 'dist-cli');
const stage = path.join(out, 'package');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

fs.rmSync(stage, { recursive: true, force: true });
fs.mkdirSync(stage, { recursive: true });
execFileSync(process.execPath, [path.join(root, 'esbuild.js'), '--cli-package', stage], { cwd: root, stdio: 'inherit' });
fs.copyFileSync(path.join(root, 'src', 'cli', 'package', 'README.md'), path.join(stage, 'README.md'));
fs.copyFileSync(path.join(root, 'LICENSE'), path.join(stage, 'LICENSE'));
const cliManifest = {
  name: 'spark-image-cli',
  version: manifest.version,
  description: 'spark-image: text to illustrations with spark_image_3_1, and a CI gate for the illustrations of markdown docs',
  license: manifest.license,
  bin: { 'spark-image': 'dist/cli.js' },
  // dist/codecs.js and its wasm: required only when a save converts (--format, --max-width).
  files: ['dist/cli.js', 'dist/codecs.js', 'dist/codecs/'],
  engines: { node: '>=18' },
  keywords: ['markdown', 'docs', 'illustrations', 'text-to-image', 'ci'],
};
fs.writeFileSync(path.join(stage, 'package.json'), `${JSON.stringify(cliManifest, null, 2)}\n`);
const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', out], { cwd: stage, encoding: 'utf8' }))[0];
const tarball = path.join(out, packed.filename);
fs.copyFileSync(tarball, path.join(out, 'spark-image-cli.tgz'));
console.log(`${path.relative(root, tarball)} (${packed.files.map((file) => file.path).join(', ')})`);
