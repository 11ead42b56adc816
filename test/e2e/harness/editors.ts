// Editors, webviews and the Output panel.
import { basename, dirname } from 'node:path';
import type { Frame, Locator, Page } from 'playwright-core';
import { DEFAULT_TIMEOUT, exactText, itemRow, quickInputBox, quickInputState, runCommand } from './quick-input';

const ACTIVE_TAB = '.editor-group-container.active .tabs-container .tab.active';
const ACTIVE_EDITOR = '.editor-group-container.active .monaco-editor';

/** How long one attempt of a retried step gets before it is tried again. */
const ATTEMPT_TIMEOUT = 5000;

/**
 * Opens a workspace-relative file through Quick Open (Ctrl+P), as a user would, and returns once its
 * editor is the active one (the active tab's label carries the file's absolute path).
 */
export async function openFile(page: Page, relativePath: string, timeout = DEFAULT_TIMEOUT): Promise<void> {
  const name = basename(relativePath);
  const folder = dirname(relativePath) === '.' ? '' : dirname(relativePath);
  const rows = itemRow(page, name);
  const candidate = (folder ? rows.filter({ has: page.locator('.label-description', { hasText: exactText(folder) }) }) : rows).first();
  const opened = page.locator(`${ACTIVE_TAB} .tab-label[aria-label$="/${relativePath.replace(/["\\]/g, '\\$&')}"]`);
  const input = quickInputBox(page);
  const deadline = Date.now() + timeout;
  // The whole action again until the file is open: Quick Open searches the workspace on the server,
  // so right after startup or just after a file was written it may not list the file yet; and a view
  // that takes the focus a moment after an earlier step (the results panel after Show Results)
  // closes Quick Open under our feet, before the path is typed or while the click is on its way.
  for (;;) {
    const attempt = Math.min(ATTEMPT_TIMEOUT, Math.max(1, deadline - Date.now()));
    try {
      await page.keyboard.press('Escape');
      await page.keyboard.press('Control+P');
      await input.fill(relativePath, { timeout: attempt });
      await candidate.click({ timeout: attempt });
      await opened.waitFor({ timeout: attempt });
      return;
    } catch (error) {
      if (await opened.isVisible()) return;
      if (Date.now() >= deadline) {
        const state = await quickInputState(page);
        const shown = state.visible ? `Quick Open lists ${JSON.stringify(state.items.map((item) => `${item.label} ${item.description}`.trim()))}` : 'Quick Open is closed';
        const activeTab = await page.locator(ACTIVE_TAB).getAttribute('aria-label', { timeout: 1000 }).catch(() => null);
        throw new Error(`${relativePath} never became the active editor (the active tab is ${JSON.stringify(activeTab)}; ${shown})`, { cause: error });
      }
    }
  }
}

/** The label of the active editor's tab ("README.md", "Nano Banana Results"). */
export async function activeEditorTitle(page: Page): Promise<string> {
  return ((await page.locator(ACTIVE_TAB).getAttribute('aria-label')) ?? '').replace(/, preview$/, '');
}

/**
 * The text of the active text editor as rendered. Only the lines on screen exist in the DOM;
 * for long documents save and read the file from disk instead.
 */
export async function activeEditorText(page: Page, timeout = DEFAULT_TIMEOUT): Promise<string> {
  const lines = page.locator('.editor-group-container.active .monaco-editor .view-lines');
  await lines.waitFor({ timeout });
  return renderedLines(lines);
}

/**
 * Clicks the first rendered token of the active editor that contains `text`, which puts the cursor
 * there as a user's click would. Monaco renders each token as its own span: choose a word that
 * the syntax colouring does not split.
 */
export async function clickOnText(page: Page, text: string, timeout = DEFAULT_TIMEOUT): Promise<void> {
  const token = page.locator(`${ACTIVE_EDITOR} .view-lines .view-line span > span`, { hasText: text }).first();
  await token.waitFor({ timeout });
  await token.click();
}

/** Ctrl+. at the cursor, then the code action with this title in the menu that opens (the quick fix menu). */
export async function pickCodeAction(page: Page, title: string, timeout = DEFAULT_TIMEOUT): Promise<void> {
  const row = page.locator('.action-widget .monaco-list-row', { hasText: exactText(title) });
  const deadline = Date.now() + timeout;
  // Code actions are asked of the extension host when the menu opens; an empty menu (the host not
  // ready yet, or activation still under way) shows "No code actions available" and closes again.
  for (;;) {
    await page.keyboard.press('Control+.');
    try {
      await row.waitFor({ state: 'visible', timeout: Math.min(5000, Math.max(1, deadline - Date.now())) });
      break;
    } catch (error) {
      if (Date.now() >= deadline) {
        const shown = await page.locator('.action-widget .monaco-list-row').allInnerTexts();
        throw new Error(`The code action menu never offered "${title}"; it offered ${JSON.stringify(shown)}`, { cause: error });
      }
      await page.keyboard.press('Escape');
    }
  }
  // The keyboard, as the menu's own hint says ("Enter to Apply"): while it opens, an overlay takes the clicks.
  const focused = page.locator('.action-widget .monaco-list-row.focused');
  for (let step = 0; (await focused.getAttribute('aria-label').catch(() => null)) !== title; step++) {
    if (step > 20) throw new Error(`Could not move the code action menu's focus to "${title}"`);
    await page.keyboard.press('ArrowDown');
  }
  await page.keyboard.press('Enter');
  await row.waitFor({ state: 'detached', timeout });
}

/** Ctrl+S, then waits until the active tab no longer shows unsaved changes. */
export async function saveActiveEditor(page: Page, timeout = DEFAULT_TIMEOUT): Promise<void> {
  await page.keyboard.press('Control+S');
  await page.locator(`${ACTIVE_TAB}:not(.dirty)`).waitFor({ timeout });
}

/**
 * The frame of the webview that contains `selector`. Webviews are nested iframes (an outer host
 * frame and the content frame), so every frame of the page is searched until one has it.
 */
export async function webviewFrame(page: Page, selector: string, timeout = DEFAULT_TIMEOUT): Promise<Frame> {
  const deadline = Date.now() + timeout;
  for (;;) {
    for (const frame of page.frames()) {
      if (frame === page.mainFrame()) continue;
      // A frame being replaced throws here; it is simply not the one yet.
      if (await frame.$(selector).catch(() => null)) return frame;
    }
    if (Date.now() >= deadline) throw new Error(`No webview contains ${selector}`);
    await page.waitForTimeout(100);
  }
}

/** Shows an Output channel ("Nano Banana") in the panel through "Output: Show Output Channels...". */
export async function showOutputChannel(page: Page, channel: string, timeout = DEFAULT_TIMEOUT): Promise<void> {
  await runCommand(page, 'Output: Show Output Channels...', timeout);
  await itemRow(page, channel).first().waitFor({ timeout });
  await itemRow(page, channel).first().click();
  await page.locator('.part.panel .monaco-editor .view-lines').waitFor({ timeout });
}

/** The lines of the Output panel currently on screen (the panel scrolls to the newest lines). */
export async function outputPanelText(page: Page): Promise<string> {
  return renderedLines(page.locator('.part.panel .monaco-editor .view-lines'));
}

// Monaco positions line elements absolutely and recycles them, so DOM order is not line order.
function renderedLines(viewLines: Locator): Promise<string> {
  return viewLines.evaluate((element) =>
    Array.from(element.querySelectorAll<HTMLElement>('.view-line'))
      .sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top))
      .map((line) => (line.textContent ?? '').replace(/\u00a0/g, ' '))
      .join('\n'),
  );
}
