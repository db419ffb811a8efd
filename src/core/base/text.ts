/** Length as the API counts it: Unicode code points, not UTF-16 units (an emoji is one). */
export function codePointLength(text: string): number {
  let count = 0;
  for (const _ of text) {
    count++;
  }
  return count;
}
