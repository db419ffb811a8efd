/** The keyword of our PNG text chunk and the prefix of our JPEG comment. */
export const METADATA_KEYWORD = 'spark-image';
