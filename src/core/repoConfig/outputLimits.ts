/** The widths and encode qualities an output may ask for on the CLI and in a directive (repoConfig.ts's reader checks the same: it is at its 250 lines). */
export const OUTPUT_MAX_WIDTH_RANGE: readonly [number, number] = [16, 8192];
export const OUTPUT_QUALITY_RANGE: readonly [number, number] = [1, 100];
