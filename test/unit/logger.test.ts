import * as assert from 'assert';
import { redact, redactingLogger } from '../../src/core/base/logger';

describe('log redaction', () => {
  it('masks known secrets, bearer tokens and Authorization values wherever they appear', () => {
    const text = 'key sk-live-123 header Authorization: Bearer sk-live-123 and {"authorization":"Bearer other-token"}';
    const result = redact(text, ['sk-live-123']);
    assert.ok(!result.includes('sk-live-123'));
    assert.ok(!result.includes('other-token'));
    assert.match(result, /Bearer \*\*\*/);
  });

  it('wraps a logger so that no level can leak the current key', () => {
    const lines: string[] = [];
    const sink = { trace: (m: string) => lines.push(m), debug: (m: string) => lines.push(m), info: (m: string) => lines.push(m), warn: (m: string) => lines.push(m), error: (m: string) => lines.push(m) };
    let key = 'first-key';
    const logger = redactingLogger(sink, () => [key]);
    logger.info('using first-key');
    key = 'second-key';
    logger.error('using second-key');
    assert.deepStrictEqual(lines, ['using ***', 'using ***']);
  });
});
