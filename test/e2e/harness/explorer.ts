// The Explorer tree, driven with the mouse: expand folders, select one or several items
// (Ctrl+click), and choose an entry of their context menu.
//
// Rows are found by the path their label carries, never by position: the Explorer inserts rows for
// files an earlier step wrote whenever the file watcher reports them (seconds later on a busy
// machine), which shifts every row below, and a refresh it runs then can fold a folder that was
// just unfolded. So each helper re-reads the tree and repeats its step until the tree shows the
// state it needs.
import type { Locator, Page } from 'playwright-core';
import { DEFAULT_TIMEOUT, exactText } from './quick-input';

const TREE = '.explorer-folders-view';
/** How long one click on a twistie or a row gets to show its effect before the tree is read again. */
const STEP_TIMEOUT = 3000;

/** Shows the Explorer (Ctrl+Shift+E) unless it is already visible. */
export async function showExplorer(page: Page, timeout = DEFAULT_TIMEOUT): Promise<void> {
  const tree = page.locator(TREE);
  if (await tree.isVisible()) return;
  await page.keyboard.press('Control+Shift+E');
  await tree.waitFor({ state: 'visible', timeout });
}

/**
 * The row of a workspace-relative path ("images/sample.png"). Its label's aria-label is the
 * absolute path; with the depth this names exactly one row: the workspace folder's path is the
 * only prefix of that length.
 */
function rowLocator(page: Page, relativePath: string): Locator {
  const depth = relativePath.split('/').length;
  const suffix = `/${relativePath}`.replace(/["\\]/g, '\\$&');
  return page.locator(`${TREE} .monaco-list-row[aria-level="${depth}"]`).filter({ has: page.locator(`.explorer-item[aria-label$="${suffix}"]`) });
}

/** The tree row of a workspace-relative path, unfolding its folders until the row is shown. */
export async function explorerRow(page: Page, relativePath: string, timeout = DEFAULT_TIMEOUT): Promise<Locator> {
  await showExplorer(page, timeout);
  const segments = relativePath.split('/').filter(Boolean);
  if (segments.length === 0) throw new Error('explorerRow needs a non-empty path');
  const paths = segments.map((_, i) => segments.slice(0, i + 1).join('/'));
  const target = rowLocator(page, relativePath);
  const deadline = Date.now() + timeout;
  for (;;) {
    if (await target.isVisible()) return target;
    // The deepest folder shown: unfold it when it is folded, else its children are still loading.
    const shown = [];
    for (const path of paths.slice(0, -1)) {
      if (!(await rowLocator(page, path).isVisible())) break;
      shown.push(path);
    }
    const folder = shown.at(-1);
    if (folder && (await rowLocator(page, folder).getAttribute('aria-expanded')) === 'false') {
      await rowLocator(page, folder).locator('.monaco-tl-twistie').click({ timeout: STEP_TIMEOUT }).catch(() => undefined);
    }
    const next = rowLocator(page, paths[shown.length]);
    try {
      await next.waitFor({ state: 'visible', timeout: Math.min(STEP_TIMEOUT, Math.max(1, deadline - Date.now())) });
    } catch (error) {
      if (Date.now() >= deadline) throw new Error(`The Explorer never showed ${relativePath}; its rows are ${JSON.stringify(await describeRows(page))}`, { cause: error });
    }
  }
}

/** Every row as depth, name and, for folders, whether unfolded, for failure messages. */
function describeRows(page: Page): Promise<string[]> {
  return page.locator(`${TREE} .monaco-list-row`).evaluateAll((rows) =>
    rows.map((row) => {
      const expanded = row.getAttribute('aria-expanded');
      return `${row.getAttribute('aria-level')}:${row.getAttribute('aria-label')}${expanded === null ? '' : expanded === 'true' ? ' (open)' : ' (folded)'}`;
    }),
  );
}

/** Selects these items, a click on the first and Ctrl+click on the others, until the tree shows exactly them selected. */
export async function selectInExplorer(page: Page, relativePaths: string[], timeout = DEFAULT_TIMEOUT): Promise<Locator[]> {
  const deadline = Date.now() + timeout;
  for (;;) {
    // Every row first: unfolding a folder between clicks would move rows, and a click on a folder
    // row folds or unfolds it as well as selecting it.
    const rows: Locator[] = [];
    for (const path of relativePaths) rows.push(await explorerRow(page, path, Math.max(1, deadline - Date.now())));
    for (const [i, row] of rows.entries()) await row.click({ modifiers: i === 0 ? [] : ['Control'], timeout: STEP_TIMEOUT }).catch(() => undefined);
    const selected = page.locator(`${TREE} .monaco-list-row[aria-selected="true"]`);
    const isExactlySelected = async () =>
      (await selected.count()) === rows.length && (await Promise.all(rows.map((row) => row.getAttribute('aria-selected').catch(() => null)))).every((value) => value === 'true');
    for (const settleBy = Math.min(deadline, Date.now() + STEP_TIMEOUT); ; await page.waitForTimeout(100)) {
      if (await isExactlySelected()) return rows;
      if (Date.now() >= settleBy) break;
    }
    if (Date.now() >= deadline) throw new Error(`The Explorer never showed ${JSON.stringify(relativePaths)} selected; its rows are ${JSON.stringify(await describeRows(page))}`);
  }
}

/**
 * Right-clicks the given items (several: multi-selection) and chooses `entry` from the context
 * menu by its exact label; menus show command titles without their category ("Edit Image").
 */
export async function explorerContextMenu(page: Page, relativePaths: string | string[], entry: string, timeout = DEFAULT_TIMEOUT): Promise<void> {
  const paths = typeof relativePaths === 'string' ? [relativePaths] : relativePaths;
  const menu = page.locator('.context-view .monaco-menu');
  const deadline = Date.now() + timeout;
  // The menu is for the row under the mouse, which the Explorer focuses: when the rows moved between
  // finding the row and the click, it is another item's menu. Then close it and start again.
  for (;;) {
    const rows = await selectInExplorer(page, paths, Math.max(1, deadline - Date.now()));
    const target = rows[rows.length - 1];
    await target.click({ button: 'right', timeout: STEP_TIMEOUT }).catch(() => undefined);
    const opened = await menu.waitFor({ state: 'visible', timeout: STEP_TIMEOUT }).then(() => true, () => false);
    const states = await Promise.all(rows.map((row) => row.evaluate((element) => [element.classList.contains('focused'), element.getAttribute('aria-selected') === 'true']).catch(() => [false, false])));
    if (opened && states.at(-1)?.[0] && states.every(([, selected]) => selected)) break;
    if (opened) await page.keyboard.press('Escape');
    if (Date.now() >= deadline) throw new Error(`The context menu of ${JSON.stringify(paths)} never opened on them; the Explorer's rows are ${JSON.stringify(await describeRows(page))}`);
  }
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
