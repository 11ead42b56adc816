// Logs of a session: the extension's Output channel as VS Code writes it to disk, and what is
// kept in .e2e-artifacts/ when a test fails.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Page } from 'playwright-core';
import { ARTIFACTS_DIR } from './paths';

/**
 * The full text of an Output channel, read from the file VS Code writes it to
 * (`<user-data>/logs/<time>/exthost1/<extension id>/<channel>.log` for log channels,
 * `.../output_logging_<time>/<n>-<channel>.log` for plain ones). Empty until the channel exists.
 * Unlike the panel, this is not limited to the lines on screen.
 */
export function readOutputLog(userDataDir: string, channel: string): string {
  const files = findFiles(join(userDataDir, 'logs'), (name) => name === `${channel}.log` || new RegExp(`^\\d+-${escape(channel)}\\.log$`).test(name));
  return files
    .sort((a, b) => statSync(a).mtimeMs - statSync(b).mtimeMs)
    .map((file) => readFileSync(file, 'utf8'))
    .join('');
}

function findFiles(dir: string, accept: (name: string) => boolean): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return findFiles(path, accept);
    return accept(entry.name) ? [path] : [];
  });
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A file-name-safe form of a test's name. */
export function slug(text: string): string {
  return text.replace(/[^\w.-]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 120);
}

/** Names artifacts after the running test file ("smoke" for smoke.test.ts); node:test runs each file in its own process. */
export function testFileSlug(): string {
  return slug(basename(process.argv[1] ?? 'e2e', '.test.ts'));
}

/**
 * Keeps what explains a failure: a screenshot of the window and the logs of code-server, the
 * extension host and the browser, under .e2e-artifacts/<name>{.png,-logs/}.
 */
export async function saveFailureArtifacts(name: string, page: Page | undefined, sessionRoot: string): Promise<string[]> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const saved: string[] = [];
  if (page && !page.isClosed()) {
    const screenshot = join(ARTIFACTS_DIR, `${name}.png`);
    try {
      await page.screenshot({ path: screenshot, timeout: 10_000 });
      saved.push(screenshot);
    } catch {
      // A crashed page cannot be photographed; the logs still say why.
    }
  }
  const logs = join(ARTIFACTS_DIR, `${name}-logs`);
  // Logs of an earlier failure of the same test would mix in otherwise.
  rmSync(logs, { recursive: true, force: true });
  for (const source of [join(sessionRoot, 'code-server.log'), join(sessionRoot, 'browser.log'), join(sessionRoot, 'user-data', 'logs')]) {
    if (!existsSync(source)) continue;
    cpSync(source, join(logs, basename(source)), { recursive: true });
    saved.push(join(logs, basename(source)));
  }
  return saved;
}
