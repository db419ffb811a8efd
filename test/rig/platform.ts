/** The rig runs prebuilt Linux x64 binaries (Node 24 from npm, Debian's Chromium): nothing else is supported. */
export function assertSupportedPlatform(): void {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(
      `The real-editor test rig supports Linux x64 only (this is ${process.platform} ${process.arch}). ` +
        'Run the unit layer with "npm run test:unit", or the host tests in desktop VS Code with "npm run test:electron".',
    );
  }
}

export function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}
