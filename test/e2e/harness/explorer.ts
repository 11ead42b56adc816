// The Explorer tree, driven with the mouse: expand folders, select one or several items
// (Ctrl+click), and choose an entry of their context menu.
import type { Locator, Page } from 'playwright-core';
import { DEFAULT_TIMEOUT, exactText } from './quick-input';

const TREE = '.explorer-folders-view';

/** Shows the Explorer (Ctrl+Shift+E) unless it is already visible. */
export async function showExplorer(page: Page, timeout = DEFAULT_TIMEOUT): Promise<void> {
  const tree = page.locator(TREE);
  if (await tree.isVisible()) return;
  await page.keyboard.press('Control+Shift+E');
  await tree.waitFor({ state: 'visible', timeout });
}

/**
 * The tree row of a workspace-relative path ("images/sample.png"), expanding its folders first.
 * Rows carry only the name and depth, so a child is the first row with its name at its depth
 * below its parent's row.
 */
export async function explorerRow(page: Page, relativePath: string, timeout = DEFAULT_TIMEOUT): Promise<Locator> {
  await showExplorer(page, timeout);
  const segments = relativePath.split('/').filter(Boolean);
  let parentIndex = -1;
  let row: Locator | undefined;
  for (const [depth, name] of segments.entries()) {
    const index = await waitForRowIndex(page, name, depth + 1, parentIndex, timeout);
    row = page.locator(`${TREE} .monaco-list-row[data-index="${index}"]`);
    const isLast = depth === segments.length - 1;
    if (!isLast && (await row.getAttribute('aria-expanded')) === 'false') {
      await row.locator('.monaco-tl-twistie').click();
      await page.locator(`${TREE} .monaco-list-row[data-index="${index}"][aria-expanded="true"]`).waitFor({ timeout });
    }
    parentIndex = index;
  }
  if (!row) throw new Error('explorerRow needs a non-empty path');
  return row;
}

async function waitForRowIndex(page: Page, name: string, level: number, after: number, timeout: number): Promise<number> {
  const handle = await page.waitForFunction(
    ({ tree, name, level, after }) => {
      const rows = Array.from(document.querySelectorAll(`${tree} .monaco-list-row`));
      const match = rows
        .filter((row) => row.getAttribute('aria-label') === name && row.getAttribute('aria-level') === String(level))
        .map((row) => Number(row.getAttribute('data-index')))
        .filter((index) => index > after)
        .sort((a, b) => a - b)[0];
      // Wrapped: the first row's index is 0, which waitForFunction would take for "not yet".
      return match === undefined ? false : { index: match };
    },
    { tree: TREE, name, level, after },
    { timeout },
  ).catch(async (error: unknown) => {
    const rows = await page.locator(`${TREE} .monaco-list-row`).evaluateAll((elements) =>
      elements.map((row) => `${row.getAttribute('aria-level')}:${row.getAttribute('aria-label')}`),
    );
    throw new Error(`The Explorer shows no "${name}" at depth ${level}; its rows (depth:label) are ${JSON.stringify(rows)}`, { cause: error });
  });
  return ((await handle.jsonValue()) as { index: number }).index;
}

/** Selects these items: a click on the first, Ctrl+click on the others. */
export async function selectInExplorer(page: Page, relativePaths: string[], timeout = DEFAULT_TIMEOUT): Promise<Locator[]> {
  const rows: Locator[] = [];
  // Resolve every row first: expanding a folder shifts the rows below it, and clicks in between
  // would then change the selection.
  for (const path of relativePaths) await explorerRow(page, path, timeout);
  for (const [i, path] of relativePaths.entries()) {
    const row = await explorerRow(page, path, timeout);
    await row.click(i === 0 ? {} : { modifiers: ['Control'] });
    rows.push(row);
  }
  return rows;
}

/**
 * Right-clicks the given items (several: multi-selection) and chooses `entry` from the context
 * menu by its exact label; menus show command titles without their category ("Edit Image").
 */
export async function explorerContextMenu(page: Page, relativePaths: string | string[], entry: string, timeout = DEFAULT_TIMEOUT): Promise<void> {
  const paths = typeof relativePaths === 'string' ? [relativePaths] : relativePaths;
  const rows = await selectInExplorer(page, paths, timeout);
  await rows[rows.length - 1].click({ button: 'right' });
  const item = contextMenuItem(page, entry);
  try {
    await item.waitFor({ state: 'visible', timeout });
  } catch (error) {
    const offered = await page.locator('.context-view .action-menu-item .action-label').allInnerTexts();
    await page.keyboard.press('Escape');
    throw new Error(`The context menu has no "${entry}"; it offers ${JSON.stringify(offered)}`, { cause: error });
  }
  // A menu closes before it runs the chosen action. Now and then the first click right after the
  // menu appears is swallowed (the menu is still settling), and the menu stays open: click again.
  const menu = page.locator('.context-view .monaco-menu');
  for (let attempt = 1; ; attempt++) {
    await item.click();
    try {
      await menu.waitFor({ state: 'detached', timeout: 2000 });
      return;
    } catch (error) {
      if (attempt === 3) throw new Error(`The context menu stayed open after clicking "${entry}"`, { cause: error });
    }
  }
}

function contextMenuItem(page: Page, label: string): Locator {
  return page.locator('.context-view .action-menu-item').filter({ has: page.locator('.action-label', { hasText: exactText(label) }) });
}
