// The scanner behind findImageReferences against the reference implementations: commonmark.js on
// every example of the CommonMark spec and every README in node_modules, parse5 on HTML (offsets
// included). What counts as an image, its destination and its alt text must agree.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { HtmlRenderer, Parser } from 'commonmark';
import { tests as specExamples } from 'commonmark-spec';
import { decodeHTMLAttribute, decodeHTMLStrict } from 'entities';
import { adversarialHtml, adversarialMarkdown, readmeFiles } from '../../bench/scanner';
import { scanImages, type FoundImage } from '../../src/core/scanner/scan';
import { comparableDestination, htmlOracle, markdownOracle } from './helpers/imageOracle';

/** The destination written at the reported offsets, decoded here rather than by the scanner's own code. */
function writtenDestination(text: string, image: FoundImage): string {
  const raw = text.slice(image.targetStart, image.targetEnd);
  if (text.startsWith('<', image.start)) return decodeHTMLAttribute(raw);
  return raw.replace(/\\([!-/:-@[-`{-~])|&(?:#x[a-f0-9]{1,6}|#[0-9]{1,7}|[a-z][a-z0-9]{1,31});/gi, (reference, escaped?: string) => escaped ?? decodeHTMLStrict(reference));
}

/** Checks one Markdown document: the images commonmark.js sees, and offsets that point at them. */
function assertLikeCommonmark(markdown: string, what: string): number {
  const found = scanImages(markdown, 'markdown');
  const expected = markdownOracle(markdown);
  assert.deepEqual(found.map((image) => ({ destination: comparableDestination(image.destination), alt: image.alt })), expected, what);
  for (const image of found) {
    const written = markdown.slice(image.start, image.end);
    assert.match(written, /^(?:!\[[^]*[\])]|<img[^]*>)$/i, `${what}: ${JSON.stringify(written)}`);
    assert.equal(writtenDestination(markdown, image), image.destination, `${what}: the target offsets of ${JSON.stringify(written)}`);
  }
  return expected.length;
}

function assertLikeParse5(html: string, what: string): number {
  const found = scanImages(html, 'html').map((image) => ({
    destination: comparableDestination(image.destination),
    alt: image.alt,
    start: image.start,
    end: image.end,
    targetStart: image.targetStart,
    targetEnd: image.targetEnd,
  }));
  const expected = htmlOracle(html);
  assert.deepEqual(found, expected, what);
  return expected.length;
}

test('every example of the CommonMark spec: the images commonmark.js finds, with their destinations and alt texts', () => {
  let images = 0;
  for (const example of specExamples) {
    images += assertLikeCommonmark(example.markdown.replace(/→/g, '\t'), `spec example ${example.number}`);
  }
  assert.ok(images >= 20, `${images} images in the spec's examples`);
});

test('Markdown the spec has no example of: what commonmark.js makes of it', () => {
  const documents = [
    '- a\n  - b\n\n    ![in the nested item](nested.png)\n\n        ![code in the item](code.png)',
    '> quote\nlazy ![lazy](lazy.png)\n> > deeper <img\n> > src="q.png">',
    '\t- tab item\n\n\t  ![after a tab](tab.png)',
    '[a]: <first image.png> "t"\n[b]:\n  second.png\n  \'title\'\nSetext ![a] ![b][] ![B]\n---',
    '<div>\n![not markdown](div.png) <img src="in-div.png">\n\n![markdown again](after.png)',
    'text <?php $x = ">"; ?> <img src="after-pi.png"> <!-- <img src="commented.png"> --> ![a](b.png)',
    '[link ![inside](in-link.png) [inner](x)](y) [[nested link](z) ![img](after.png)](w)',
    '![*emphasis* **strong** `` code ` `` <span>html</span> &amp; \\* [link](u)](alt.png)',
    '![a](<> "empty") ![b]() ![c](<d e.png> \'t\') ![f](g.png\n"title on the next line")',
    '``\n![in a code span](span.png)\n`` ![after](after.png) `unclosed ![x](x.png)',
    '<script>\n<img src="s.png">\n</script>\n![md](md.png)\n\n<pre>\n<img src="pre.png">\n</pre>',
  ];
  let images = 0;
  for (const markdown of documents) images += assertLikeCommonmark(markdown, JSON.stringify(markdown));
  assert.ok(images >= 20, `${images} images`);
});

test('where commonmark.js departs from the spec, the spec (and micromark) is followed: the first definition wins', () => {
  const markdown = '[a]: first.png\n\n[a]: second.png\nHeading\n===\n\n![a]';
  assert.deepEqual(scanImages(markdown, 'markdown').map((image) => image.destination), ['first.png']);
  assert.deepEqual(markdownOracle(markdown).map((image) => image.destination), ['second.png'], 'commonmark.js reads the heading\'s definitions first');
});

test('every README in node_modules: the images commonmark.js finds', () => {
  const files = readmeFiles();
  let images = 0;
  for (const file of files) images += assertLikeCommonmark(readFileSync(file, 'utf8'), relative(process.cwd(), file));
  assert.ok(files.length >= 100 && images >= 200, `${files.length} READMEs, ${images} images`);
});

test('HTML: the <img> elements parse5 builds, at the same offsets, in those READMEs rendered by commonmark.js', () => {
  let images = 0;
  for (const file of readmeFiles()) {
    images += assertLikeParse5(new HtmlRenderer().render(new Parser().parse(readFileSync(file, 'utf8'))), relative(process.cwd(), file));
  }
  assert.ok(images >= 200, `${images} images`);
});

test('HTML: what the tokenizer makes of quoting, references, comments, raw text and broken tags is what parse5 makes of it', () => {
  const documents = [
    '<img src="a.png"><IMG SRC=b.png ALT=B><img/src="c.png"/><img src=\'d.png\' src="dup.png" alt=one alt=two>',
    '<p><img\nsrc="multi\nline.png"\nalt="x\n y"></p><img src=  e.png  alt = "spaced" >',
    '<img src="&eacute;t&eacute;.png" alt="Tom &amp Jerry &eacute; &notit; &amp=x &#x41;&#0;">',
    '<!-- <img src="c1.png"> --><!--><img src="after-abrupt.png"><!---><img src="after-abrupt2.png"><!-- a --!><img src="after-bang.png">',
    '<script>document.write("<img src=s.png>")</script><img src="after-script.png"><style>a{}</style x><img src="after-style.png">',
    '<textarea><img src="t.png"></textarea><title><img src="ti.png"></title><img src="after.png">',
    '<noscript><img src="n.png"></noscript><xmp><img src="x.png"></xmp><iframe><img src="i.png"></iframe><img src=ok.png>',
    '<script>a</scripty><img src="still-script.png"></script ><img src="after.png">',
    '<template><img src="tpl.png"></template><div title="<img src=\'attr.png\'>"><img src="real.png" width="10" height=20px></div>',
    '<img src="x.png" <img src="y.png"> <img src="z.png" alt=\'<img src=b.png>\'>',
    '<?php echo "<img src=php.png>" ?><img src="after-pi.png"><!DOCTYPE html><![CDATA[<img src="cdata.png">]]><img src="after-cdata.png">',
    '</img src="end.png"><img src="start.png"></ ><img src="after-empty-end.png"></3 <img src="bogus.png">><img src="after-bogus.png">',
    '<a href=x><img src=" spaced.png " alt></a><img alt="no source"><img src>',
    '<img src="unclosed.png" alt="x',
    '<img src="before.png"><plaintext><img src="p.png">',
    '<script><!-- document.write("<script></script>"); <img src="in-script.png"> --></script><img src="after.png">',
    '<script><!--<script></script><img src="still.png"></script><img src="after2.png"><script><!--></script><img src="x.png">',
  ];
  let images = 0;
  for (const html of documents) images += assertLikeParse5(html, html);
  assert.ok(images >= 25, `${images} images`);
});

test('[fault:adversarial-documents] constructs that never close: the same images as commonmark.js and parse5, every real one found', () => {
  const markdown = adversarialMarkdown(48 * 1024);
  assert.ok(assertLikeCommonmark(markdown, 'adversarial Markdown') >= 40);
  assert.ok(assertLikeParse5(adversarialHtml(48 * 1024), 'adversarial HTML') >= 40);
  // At the size the bench times, every image the generator planted is found, and nothing else.
  const large = adversarialMarkdown(1024 * 1024);
  const planted = [...large.matchAll(/!\[ok [^\]]*\]\(([^)]*)\)/g)].map((match) => match[1]);
  const found = scanImages(large, 'markdown').map((image) => image.destination).filter((destination) => destination !== 'nested.png');
  assert.ok(planted.length > 500, `${planted.length} planted`);
  assert.deepEqual(found, planted);
});
