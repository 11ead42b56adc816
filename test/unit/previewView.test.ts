// What the host hands the webview: the job view mapping and the static page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { JobRecord } from '../../src/model/job';
import { formatCost, toJobView } from '../../src/preview/jobView';
import { previewHtml } from '../../src/preview/previewHtml';

const job: JobRecord = {
  id: 'job-1',
  action: 'generate',
  prompt: 'a banana <script>alert(1)</script>',
  options: { model: 'nano-banana', aspectRatio: '16:9', resolution: '1K', count: 2 },
  sourceImages: [],
  targetFolder: 'file:///ws/assets/generated',
  taskId: 'task-9',
  stage: 'saved',
  images: [
    { uri: 'file:///ws/assets/generated/a.png', label: 'assets/generated/a.png', mime: 'image/png', width: 1344, height: 768, bytes: 10 },
    { uri: 'file:///ws/assets/generated/b.svg', label: 'assets/generated/b.svg', mime: 'image/svg+xml', bytes: 10 },
  ],
  createdAt: 1_700_000_000_000,
};

const webviewSrc = (uri: string) => `https://webview.test/${encodeURIComponent(uri)}`;
const context = { webviewSrc, missingFiles: new Set<string>() };

test('toJobView: an exact size is shown with the ratio it was generated at', () => {
  const view = toJobView({ ...job, options: { ...job.options, exactSize: { width: 1200, height: 630 } } }, context);
  assert.equal(view.aspectRatio, '1200×630 (16:9)');
});

test('toJobView: carries the display fields of the job', () => {
  const view = toJobView(job, context);
  assert.deepEqual(
    { ...view, images: undefined },
    {
      id: 'job-1',
      action: 'generate',
      prompt: job.prompt,
      model: 'nano-banana',
      aspectRatio: '16:9',
      resolution: '1K',
      stage: 'saved',
      taskId: 'task-9',
      error: undefined,
      createdAt: job.createdAt,
      cost: undefined,
      images: undefined,
    },
  );
});

test('toJobView: raster images get a webview src, others none', () => {
  const [png, svg] = toJobView(job, context).images;
  assert.deepEqual(png, {
    src: webviewSrc('file:///ws/assets/generated/a.png'),
    label: 'assets/generated/a.png',
    mime: 'image/png',
    width: 1344,
    height: 768,
  });
  assert.equal(svg?.src, undefined);
  assert.equal(svg?.mime, 'image/svg+xml');
});

test('toJobView: a file that is gone gets no src and says it is missing', () => {
  const missingFiles = new Set(['file:///ws/assets/generated/a.png']);
  const [png, svg] = toJobView(job, { webviewSrc, missingFiles }).images;
  assert.equal(png?.src, undefined);
  assert.equal(png?.missing, true);
  assert.equal(png?.label, 'assets/generated/a.png');
  assert.equal(svg?.missing, undefined);
});

test('toJobView: an image outside the panel\'s folders gets no src and says so; an SVG or a gone file does not', () => {
  const onlyOther = (uri: string) => (uri.startsWith('file:///other/') ? webviewSrc(uri) : undefined);
  const [png, svg] = toJobView(job, { webviewSrc: onlyOther, missingFiles: new Set() }).images;
  assert.equal(png?.src, undefined);
  assert.equal(png?.outsideFolders, true);
  assert.equal(svg?.outsideFolders, undefined);
  const [gone] = toJobView(job, { webviewSrc: onlyOther, missingFiles: new Set(['file:///ws/assets/generated/a.png']) }).images;
  assert.deepEqual([gone?.missing, gone?.outsideFolders], [true, undefined]);
});

test('toJobView: the cost the task reported, ready to show', () => {
  assert.equal(toJobView({ ...job, cost: { amount: 2, listAmount: 2.5, currency: 'credit' } }, context).cost, '2 credits (list price 2.5)');
  assert.equal(toJobView({ ...job, cost: { amount: 0.1 + 0.2, listAmount: 0.1 + 0.2, currency: 'credit' } }, context).cost, '0.3 credits');
});

test('formatCost: shows what was reported and nothing it was not', () => {
  assert.equal(formatCost({ amount: 0 }), '0');
  assert.equal(formatCost({ listAmount: 4, currency: 'credit' }), '4 credits');
  assert.equal(formatCost({ currency: 'credit' }), undefined);
  assert.equal(formatCost({}), undefined);
});

const parts = {
  cspSource: 'https://*.vscode-cdn.net',
  nonce: 'n0nce+/',
  styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/preview.css',
  scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/preview.js?a=1&b=2',
};

test('[security:csp-nonce] previewHtml: one external script carrying the nonce, and no inline code or style', () => {
  const html = previewHtml(parts);
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  assert.deepEqual(scripts, [`<script nonce="n0nce+/" src="${parts.scriptUri.replace('&', '&amp;')}">`]);
  assert.match(html, /<script[^>]*><\/script>/);
  assert.ok(!/<style\b/.test(html));
  assert.ok(!/\sstyle=/.test(html));
  assert.ok(!/\son\w+=/.test(html));
  assert.ok(html.includes(`<link rel="stylesheet" href="${parts.styleUri}">`));
});

test('previewHtml: the CSP meta comes before any resource', () => {
  const html = previewHtml(parts);
  const csp = html.indexOf('http-equiv="Content-Security-Policy"');
  assert.ok(csp > 0 && csp < html.indexOf('<link'));
  assert.ok(html.includes("script-src 'nonce-n0nce+/'"));
  assert.ok(html.includes("default-src 'none'"));
});
