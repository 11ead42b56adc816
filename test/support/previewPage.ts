// The preview's webview script in a real browser, for the tests of its page: the page from previewHtml with
// its CSP, the script bundled from src/webview/main.ts, and a stand-in for VS Code's acquireVsCodeApi.
import { after, before } from 'node:test';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { HostMessage, JobView, WebviewMessage } from '../../src/preview/protocol';
import { previewHtml } from '../../src/preview/previewHtml';

const CHROMIUM = '/usr/bin/chromium';
export const ORIGIN = 'https://webview.test';
// 1×1 opaque PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z/C/HgAGgwJ/lK3Q6wAAAABJRU5ErkJggg==',
  'base64',
);

export type PreviewWindow = Window & { posted: WebviewMessage[]; cspViolations: string[] };

let browser: Browser | undefined;
export let page: Page;

// Skipped only on a developer's machine without Chromium; `npm test` installs it first, and in CI a
// missing browser must fail the run rather than pass it silently.
export const skip = existsSync(CHROMIUM) || process.env.CI ? false : `no Chromium at ${CHROMIUM} (run npm run test:setup)`;

/** Starts the browser for the test file that calls it, and closes it after. */
export function usePreviewPage(): void {
  before(async () => {
    if (skip) return;
    const entryPoint = join(__dirname, '../../src/webview/main.ts');
    const bundle = await esbuild.build({ entryPoints: [entryPoint], bundle: true, format: 'iife', write: false });
    const html = previewHtml({
      cspSource: ORIGIN,
      nonce: 'test-nonce',
      styleUri: `${ORIGIN}/preview.css`,
      scriptUri: `${ORIGIN}/preview.js`,
    });
    const bodies: Record<string, [string, string | Buffer]> = {
      '/index.html': ['text/html', html],
      '/preview.js': ['text/javascript', bundle.outputFiles[0]?.text ?? ''],
      '/preview.css': ['text/css', await readFile(join(__dirname, '../../media/preview.css'), 'utf8')],
      '/a.png': ['image/png', PNG],
    };
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    });
    // One page for all tests (a new one costs seconds); each test reloads it.
    page = await browser.newPage();
    // As a string: tsx would add helpers to a function that do not exist in the page.
    await page.addInitScript({
      content: `
        window.posted = [];
        window.cspViolations = [];
        document.addEventListener('securitypolicyviolation', (event) => window.cspViolations.push(event.violatedDirective));
        window.acquireVsCodeApi = () => ({
          postMessage: (message) => window.posted.push(message),
          // Kept in sessionStorage, so it survives a reload of the page as VS Code's webview state does.
          getState: () => JSON.parse(sessionStorage.getItem('vscodeState') ?? 'null') ?? undefined,
          setState: (state) => sessionStorage.setItem('vscodeState', JSON.stringify(state)),
        });
      `,
    });
    await page.route('**/*', (route) => {
      const url = new URL(route.request().url());
      const body = url.origin === ORIGIN ? bodies[url.pathname] : undefined;
      return body ? route.fulfill({ contentType: body[0], body: body[1] }) : route.fulfill({ status: 404 });
    });
  });

  after(() => browser?.close());
}

export async function openPreview(): Promise<void> {
  // The page reads its saved state as it loads: a previous test's search must be gone before that.
  await page.goto(`${ORIGIN}/index.html`);
  await page.evaluate(() => sessionStorage.clear());
  await page.reload();
}

export const posted = () => page.evaluate(() => (window as unknown as PreviewWindow).posted);

/** The first job as this session's latest, the others in the gallery (as the host sends them). */
export async function postState(jobs: JobView[]): Promise<void> {
  const [latest, ...earlier] = jobs;
  await postMessage({ type: 'state', latest, earlier });
}

export async function postMessage(message: HostMessage): Promise<void> {
  await page.evaluate((data) => window.postMessage(data, '*'), message);
}


export function jobView(overrides: Partial<JobView>): JobView {
  return {
    id: 'job-1',
    action: 'generate',
    prompt: 'a banana',
    model: 'nano-banana',
    aspectRatio: '1:1',
    resolution: '1K',
    stage: 'saved',
    taskId: 'task-1',
    createdAt: Date.UTC(2025, 0, 1, 12, 0),
    images: [{ src: `${ORIGIN}/a.png`, label: 'assets/generated/a.png', mime: 'image/png', width: 1024, height: 1024 }],
    ...overrides,
  };
}
