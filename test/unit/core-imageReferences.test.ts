import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findImageReferences, localPath, type ImageReference } from '../../src/core/imageReferences';

/** Each reference as the text it covers, its target as written, and what was decoded from it. */
function found(text: string, language: 'markdown' | 'html' = 'markdown') {
  return findImageReferences(text, language).map((reference: ImageReference) => ({
    text: text.slice(reference.start, reference.end),
    target: text.slice(reference.targetStart, reference.targetEnd),
    raw: reference.rawTarget,
    path: reference.path,
    alt: reference.alt,
    ...(reference.width !== undefined ? { width: reference.width } : {}),
    ...(reference.height !== undefined ? { height: reference.height } : {}),
  }));
}

test('a plain Markdown image: its whole range, its target range and its alt text', () => {
  assert.deepEqual(found('Intro\n![a banana astronaut](../images/astronaut.png) after'), [
    { text: '![a banana astronaut](../images/astronaut.png)', target: '../images/astronaut.png', raw: '../images/astronaut.png', path: '../images/astronaut.png', alt: 'a banana astronaut' },
  ]);
});

test('a destination in angle brackets may hold spaces; the brackets are not part of the target', () => {
  const [reference] = found('![shot](<my images/a (1).png>)');
  assert.equal(reference.text, '![shot](<my images/a (1).png>)');
  assert.equal(reference.target, 'my images/a (1).png');
  assert.equal(reference.path, 'my images/a (1).png');
});

test('titles in all three quotings are skipped, and so is space around the destination', () => {
  for (const title of ['"A title"', "'A title'", '(A title)']) {
    const [reference] = found(`![t](  pics/x.png   ${title}  )`);
    assert.equal(reference.path, 'pics/x.png', title);
    assert.equal(reference.target, 'pics/x.png', title);
    assert.ok(reference.text.endsWith(')'), title);
  }
});

test('escapes and percent-escapes are decoded in the path but kept in the raw target', () => {
  const [escaped, percent] = found('![a](img\\(1\\).png) ![b](my%20pic%C3%A9.png)');
  assert.equal(escaped.path, 'img(1).png');
  assert.equal(escaped.raw, 'img\\(1\\).png');
  assert.equal(percent.path, 'my picé.png');
  assert.equal(percent.raw, 'my%20pic%C3%A9.png');
});

test('balanced parentheses belong to a bare destination', () => {
  assert.equal(found('![a](x(1).png)')[0].path, 'x(1).png');
});

test('query and fragment are not part of the path; a malformed percent-escape stays literal', () => {
  assert.equal(found('![a](pic.png?v=2#top)')[0].path, 'pic.png');
  assert.equal(found('![a](100%.png)')[0].path, '100%.png');
});

test('the alt text is unescaped, on one line, and may hold brackets', () => {
  assert.equal(found('![a \\] b [c]\n  d](x.png)')[0].alt, 'a ] b [c] d');
  assert.equal(found('![](x.png)')[0].alt, '');
});

test('remote, data and empty targets are left out', () => {
  assert.deepEqual(found('![a](https://example.com/a.png) ![b](http://x/b.png) ![c](data:image/png;base64,AA) ![d](//cdn/x.png) ![e]() ![f](mailto:x@y)'), []);
});

test('an escaped image, a plain link and an unclosed one are not images', () => {
  assert.deepEqual(found('\\![a](x.png) [b](y.png) ![c](z.png'), []);
});

test('images in fenced code, code spans and HTML comments are literal text', () => {
  const text = ['```md', '![a](fenced.png)', '```', '~~~', '<img src="tilde.png">', '~~~', 'Use `![b](span.png)` like so.', '<!-- ![c](comment.png) -->', '![d](real.png)'].join('\n');
  assert.deepEqual(found(text).map((reference) => reference.path), ['real.png']);
});

test('an unclosed fence runs to the end of the document', () => {
  assert.deepEqual(found('![a](before.png)\n```\n![b](inside.png)\n'), [found('![a](before.png)')[0]]);
});

test('reference-style images point at their definition, matched case- and space-insensitively', () => {
  const text = '![Full][Logo  Big] ![logo big][] ![Logo Big]\n\n[logo big]: <./art/logo big.png> "The logo"\n[unused]: other.png';
  const references = found(text);
  assert.deepEqual(references.map((reference) => reference.text), ['![Full][Logo  Big]', '![logo big][]', '![Logo Big]']);
  for (const reference of references) {
    assert.equal(reference.target, './art/logo big.png');
    assert.equal(reference.path, './art/logo big.png');
  }
  assert.deepEqual(references.map((reference) => reference.alt), ['Full', 'logo big', 'Logo Big']);
});

test('a reference-style image without a definition is not a reference; the first definition wins', () => {
  assert.deepEqual(found('![nothing][here]'), []);
  assert.equal(found('![a][x]\n\n[x]: first.png\n[x]: second.png')[0].path, 'first.png');
});

test('a Markdown image\'s size in an attribute block after it (Pandoc, kramdown, markdown-it-attrs)', () => {
  assert.deepEqual(found('![a banner](img/banner.png){width=300 height=200} text'), [
    { text: '![a banner](img/banner.png)', target: 'img/banner.png', raw: 'img/banner.png', path: 'img/banner.png', alt: 'a banner', width: 300, height: 200 },
  ]);
  const [kramdown] = found('![logo](logo.png){: .center width="64px" height=\'48\'}');
  assert.deepEqual([kramdown.width, kramdown.height], [64, 48]);
  const [percent] = found('![half](half.png){width=50% height=120}');
  assert.deepEqual([percent.width, percent.height], [undefined, 120], 'only pixel sizes count');
  assert.deepEqual(found('![apart](apart.png) {width=300 height=200}').map((reference) => reference.width), [undefined], 'the block must follow the image at once');
  assert.deepEqual(found('![no block](plain.png) and {width=300}').map((reference) => reference.width), [undefined]);
});

test('inline HTML images in Markdown, with width and height', () => {
  assert.deepEqual(found('Text <img src="pics/wide.png" alt="A wide banner" width="1600" height="900"> more'), [
    { text: '<img src="pics/wide.png" alt="A wide banner" width="1600" height="900">', target: 'pics/wide.png', raw: 'pics/wide.png', path: 'pics/wide.png', alt: 'A wide banner', width: 1600, height: 900 },
  ]);
});

test('HTML: any attribute order and quoting, entities decoded, self-closing tags', () => {
  const text = "<IMG width=300 ALT='Tom &amp; Jerry' data-x=\"a>b\" height='200px' SRC=img/tom&amp;jerry.png />";
  assert.deepEqual(found(text, 'html'), [
    { text, target: 'img/tom&amp;jerry.png', raw: 'img/tom&amp;jerry.png', path: 'img/tom&jerry.png', alt: 'Tom & Jerry', width: 300, height: 200 },
  ]);
});

test('HTML: a width in percent or a missing one says nothing; an img without src is skipped', () => {
  const [reference] = found('<img src="a.png" width="50%"><img alt="no source"><imgx src="b.png">', 'html');
  assert.equal(reference.path, 'a.png');
  assert.equal(reference.width, undefined);
  assert.equal(reference.height, undefined);
  assert.equal(findImageReferences('<img alt="no source"><imgx src="b.png">', 'html').length, 0);
});

test('HTML: Markdown syntax is not an image there, nor are tags in comments, scripts or styles', () => {
  const text = '<p>![md](not.png)</p><!-- <img src="c.png"> --><script>const s = \'<img src="s.png">\';</script><style>/* <img src="st.png"> */</style><img src="yes.png">';
  assert.deepEqual(found(text, 'html').map((reference) => reference.path), ['yes.png']);
});

test('references are returned in document order', () => {
  const text = '<img src="b.png"> ![a](a.png)\n![c][c]\n\n[c]: c.png';
  assert.deepEqual(found(text).map((reference) => reference.path), ['b.png', 'a.png', 'c.png']);
});

test('localPath: schemes and protocol-relative URLs are remote, everything else is a local path', () => {
  assert.equal(localPath('https://x/y.png'), undefined);
  assert.equal(localPath('vscode-resource:/x.png'), undefined);
  assert.equal(localPath('   '), undefined);
  assert.equal(localPath('#only-a-fragment'), undefined);
  assert.equal(localPath('/images/a%20b.png'), '/images/a b.png');
  assert.equal(localPath('a:b.png'), undefined, 'a colon before any slash reads as a scheme, as browsers read it');
  assert.equal(localPath('./a:b.png'), './a:b.png');
});

test('[fault:code-blocks-not-references] code blocks hold text, not references: indented, fenced, in lists and quotes', () => {
  const text = [
    'Intro paragraph.',
    '',
    '    ![indented](indented.png)',
    '    <img src="indented.png">',
    '',
    '```md',
    '![fenced](fenced.png)',
    '```',
    '',
    '- item',
    '',
    '      ![in an item](item-code.png)',
    '',
    '> ~~~',
    '> ![quoted](quoted-fence.png)',
    '> ~~~',
    '',
    '\t![tab](tab-indented.png)',
    '',
    '![real](real.png)',
  ].join('\n');
  assert.deepEqual(found(text).map((reference) => reference.path), ['real.png']);
});

test('four spaces inside a paragraph, or under a list item, are not code', () => {
  assert.deepEqual(found('A paragraph\n    ![continued](lazy.png)').map((reference) => reference.path), ['lazy.png']);
  assert.deepEqual(found('- item\n\n    ![in the item](item.png)').map((reference) => reference.path), ['item.png']);
});

test('character references are decoded as HTML decodes them: in Markdown with their `;`, in attributes as browsers do', () => {
  assert.deepEqual(found('![caf&eacute; &#x2615;](caf&eacute;.png)')[0], {
    text: '![caf&eacute; &#x2615;](caf&eacute;.png)', target: 'caf&eacute;.png', raw: 'caf&eacute;.png', path: 'café.png', alt: 'café ☕',
  });
  assert.equal(found('![a](x&eacute.png)')[0].path, 'x&eacute.png', 'Markdown needs the semicolon');
  const [tag] = found('<img src="caf&eacute.png" alt="&lt;3 &not so &notit; &amp=x">', 'html');
  assert.equal(tag.path, 'café.png');
  assert.equal(tag.alt, '<3 ¬ so &notit; &amp=x', 'without `;`, a legacy name is decoded unless `=` or a letter follows');
});

test('<img> inside script, style, textarea or a comment is text, in HTML and in Markdown HTML blocks', () => {
  const html = '<script>\nconst s = "<img src=\'s.png\'>";\n</script>\n<style>\n/* <img src="st.png"> */\n</style>\n<textarea><img src="t.png"></textarea>\n<img src="yes.png">';
  assert.deepEqual(found(html, 'html').map((reference) => reference.path), ['yes.png']);
  assert.deepEqual(found(`# Page\n\n${html}\n\n![md](md.png)`).map((reference) => reference.path), ['yes.png', 'md.png']);
});

test('an image in an image description is alt text; an image in a link is an image', () => {
  assert.deepEqual(found('![a ![b](x.png) *c*](y.png)'), [{ text: '![a ![b](x.png) *c*](y.png)', target: 'y.png', raw: 'y.png', path: 'y.png', alt: 'a b c' }]);
  assert.deepEqual(found('[![badge](badge.png)](https://example.com)').map((reference) => reference.path), ['badge.png']);
  assert.deepEqual(found('![outer <img src="inner.png">](outer.png)').map((reference) => reference.path), ['outer.png']);
});

test('an <img> written across lines in a block quote: offsets in the document, not in the quote\'s text', () => {
  const text = '> Text <img\n> src="pic.png"\n> alt="A pic">';
  assert.deepEqual(found(text), [{ text: '<img\n> src="pic.png"\n> alt="A pic">', target: 'pic.png', raw: 'pic.png', path: 'pic.png', alt: 'A pic' }]);
});
