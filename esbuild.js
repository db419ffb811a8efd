// Builds the shipped bundles (extension, CLI, webview front-end) and, with --tests,
// transpiles sources and tests file by file into out/ for mocha and the test runners.
const esbuild = require('esbuild');
const fs = require('fs');
const path = require('path');

const production = process.argv.includes('--production') || process.argv.includes('--tests');
const watch = process.argv.includes('--watch');
const tests = process.argv.includes('--tests');
// --cli-package DIR: only the CLI bundle, minified, into DIR/dist/cli.js (npm run pack:cli packs DIR).
const cliPackageAt = process.argv.indexOf('--cli-package');
const cliPackage = cliPackageAt >= 0 ? process.argv[cliPackageAt + 1] : undefined;

/** @type {esbuild.BuildOptions} */
const nodeBundle = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node18',
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'warning',
  // vscode is provided by the host; encoding is an optional node-fetch peer we never use.
  external: ['vscode', 'encoding'],
  alias: { 'whatwg-url': './src/shims/whatwgUrl.ts' },
};

/**
 * The image codecs (src/node/output/codecs.ts): their own bundle, required only when a conversion
 * runs, and their wasm copied beside it into codecs/ (the bundle compiles them itself).
 */
function codecBundle(outdir) {
  return { ...nodeBundle, entryPoints: ['src/node/output/codecs.ts'], outfile: path.join(outdir, 'codecs.js') };
}

function copyCodecWasm(outdir) {
  const files = { 'webp_enc_simd.wasm': '@jsquash/webp/codec/enc/webp_enc_simd.wasm', 'webp_dec.wasm': '@jsquash/webp/codec/dec/webp_dec.wasm', 'mozjpeg_enc.wasm': '@jsquash/jpeg/codec/enc/mozjpeg_enc.wasm', 'mozjpeg_dec.wasm': '@jsquash/jpeg/codec/dec/mozjpeg_dec.wasm', 'squoosh_png_bg.wasm': '@jsquash/png/codec/pkg/squoosh_png_bg.wasm', 'squoosh_resize_bg.wasm': '@jsquash/resize/lib/resize/pkg/squoosh_resize_bg.wasm' };
  for (const [name, source] of Object.entries(files)) {
    writeIfChanged({ path: path.join(outdir, 'codecs', name), contents: fs.readFileSync(require.resolve(source)) });
  }
}

function bundles() {
  const list = [
    codecBundle('dist'),
    // node-fetch is required on the first request, from its own file (src/shims/lazyNodeFetch.ts).
    { ...nodeBundle, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', alias: { ...nodeBundle.alias, 'node-fetch': './src/shims/lazyNodeFetch.ts' } },
    { ...nodeBundle, entryPoints: ['node-fetch'], outfile: 'dist/nodeFetch.js' },
  ];
  if (fs.existsSync('src/editor/agentTool/imageTools.ts')) {
    // The language-model tools: loaded by the extension on their first use, so extension.js stays small.
    list.push({ ...nodeBundle, entryPoints: ['src/editor/agentTool/imageTools.ts'], outfile: 'dist/agentTool.js' });
  }
  if (fs.existsSync('src/editor/styles/styleReader.ts')) {
    // House styles (spark-image.json): loaded by the extension when it first meets one, so extension.js stays small.
    list.push({ ...nodeBundle, entryPoints: ['src/editor/styles/styleReader.ts'], outfile: 'dist/houseStyles.js' });
  }
  if (fs.existsSync('src/studio/controller/studioController.ts')) {
    // The Image Studio's host side: loaded by src/studio/studioPanel.ts when the studio is first needed, so extension.js stays small.
    list.push({ ...nodeBundle, entryPoints: ['src/studio/controller/studioController.ts'], outfile: 'dist/studio.js' });
  }
  if (fs.existsSync('src/editor/output/outputBundle.ts')) {
    // The editor's conversions (web-ready output, the originals cache): loaded on the first one, so extension.js stays small.
    list.push({ ...nodeBundle, entryPoints: ['src/editor/output/outputBundle.ts'], outfile: 'dist/editorOutput.js' });
    // The directives' out of date: output, budget and re-encode: loaded when a directive first needs them.
    list.push({ ...nodeBundle, entryPoints: ['src/directives/run/directiveOutput.ts'], outfile: 'dist/directiveOutput.js' });
  }
  if (fs.existsSync('src/cli/main.ts')) {
    list.push({ ...nodeBundle, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } });
  }
  if (fs.existsSync('src/studio/page/main.ts')) {
    list.push({
      bundle: true, format: 'iife', platform: 'browser', target: 'es2022', minify: production,
      sourcemap: !production, sourcesContent: false, logLevel: 'warning',
      entryPoints: ['src/studio/page/main.ts'], outfile: 'dist/webview.js',
    });
  }
  return list;
}

function listTs(dir, out = []) {
  if (!fs.existsSync(dir)) return out;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && !full.startsWith(path.join('src', 'studio', 'page'))) listTs(full, out);
    } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) {
      out.push(full);
    }
  }
  return out;
}

/** Tests and the scripts around them run unbundled, so a stack trace names the real file. */
function testTranspile() {
  return {
    entryPoints: [...listTs('src'), ...listTs('test')],
    outdir: 'out',
    outbase: '.',
    bundle: false,
    format: 'cjs',
    platform: 'node',
    target: 'node18',
    sourcemap: 'inline',
    logLevel: 'warning',
  };
}

async function main() {
  if (cliPackage) {
    await esbuild.build({ ...nodeBundle, minify: true, sourcemap: false, entryPoints: ['src/cli/main.ts'], outfile: path.join(cliPackage, 'dist', 'cli.js'), banner: { js: '#!/usr/bin/env node' } });
    await esbuild.build({ ...codecBundle(path.join(cliPackage, 'dist')), minify: true, sourcemap: false });
    copyCodecWasm(path.join(cliPackage, 'dist'));
    return;
  }
  const configs = bundles();
  if (tests) {
    configs.push(testTranspile());
  }
  if (watch) {
    for (const config of configs) {
      const ctx = await esbuild.context(config);
      await ctx.watch();
    }
    console.log('[esbuild] watching');
    return;
  }
  const results = await Promise.all(configs.map((config) => esbuild.build({ ...config, write: false })));
  for (const result of results) {
    result.outputFiles.forEach(writeIfChanged);
  }
  copyCodecWasm('dist');
  if (tests) {
    removeOrphans('out');
  }
}

/**
 * An editor may be loading dist/extension.js while another build runs (the demo packages the
 * extension while the host tests start): an unchanged file is left alone, and a changed one is
 * replaced in one rename, so a reader never sees half a file.
 */
function writeIfChanged(file) {
  try {
    if (Buffer.compare(fs.readFileSync(file.path), Buffer.from(file.contents)) === 0) return;
  } catch {
    // Not there yet.
  }
  fs.mkdirSync(path.dirname(file.path), { recursive: true });
  const temporary = `${file.path}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, file.contents);
  fs.renameSync(temporary, file.path);
}

/**
 * out/ is rebuilt in place, not wiped, so a build never pulls files from under a test run that is
 * still going; compiled files whose source is gone are removed instead.
 */
function removeOrphans(dir) {
  if (!fs.existsSync(dir)) return;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      removeOrphans(full);
    } else if (entry.name.endsWith('.js') && !fs.existsSync(path.relative('out', full).replace(/\.js$/, '.ts'))) {
      fs.rmSync(full);
    }
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
