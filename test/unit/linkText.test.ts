import * as assert from 'assert';
import { altTextFromPrompt, imageLink, syntaxForLanguage } from '../../src/core/links/linkText';

describe('link text in each document syntax', () => {
  it('writes markdown with escaped alt text and <…> around paths with spaces or parentheses', () => {
    assert.strictEqual(imageLink('markdown', { path: 'images/cat-1.png', alt: 'a cat' }), '![a cat](images/cat-1.png)');
    assert.strictEqual(imageLink('markdown', { path: 'my images/cat (1).png', alt: 'x] (y) [z' }), '![x\\] (y) \\[z](<my images/cat (1).png>)');
    assert.strictEqual(imageLink('markdown', { path: 'a.png', alt: 'line one\nline two' }), '![line one line two](a.png)');
  });

  it('writes HTML with every attribute escaped, so a prompt cannot inject markup', () => {
    const link = imageLink('html', { path: 'images/a b.png', alt: '"><img src=x onerror=alert(1)>', width: 1664, height: 936 });
    assert.strictEqual(link, '<img src="images/a%20b.png" alt="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" width="1664" height="936">');
  });

  it('writes reStructuredText, AsciiDoc and LaTeX', () => {
    assert.strictEqual(imageLink('restructuredtext', { path: 'img/a.png', alt: 'a cat' }), '.. image:: img/a.png\n   :alt: a cat');
    assert.strictEqual(imageLink('asciidoc', { path: 'img/a b.png', alt: 'say "hi", [ok]' }), 'image::img/a%20b.png["say \\"hi\\", [ok\\]"]');
    assert.strictEqual(imageLink('latex', { path: 'img/a_1.png', alt: 'a cat' }), '% a cat\n\\includegraphics[width=\\linewidth]{img/a_1.png}');
  });

  it('maps language ids to syntaxes, markdown by default', () => {
    assert.strictEqual(syntaxForLanguage('mdx'), 'markdown');
    assert.strictEqual(syntaxForLanguage('restructuredtext'), 'restructuredtext');
    assert.strictEqual(syntaxForLanguage('plaintext'), 'markdown');
  });

  it('makes alt text from the prompt: one line, shortened at a word, never empty', () => {
    assert.strictEqual(altTextFromPrompt('  a\n cat  '), 'a cat');
    assert.strictEqual(altTextFromPrompt(''), 'Generated image');
    const long = altTextFromPrompt('word '.repeat(50), 30);
    assert.ok(long.endsWith('…') && Array.from(long).length <= 30);
  });
});
