// One object with every UI helper, bound to the page of a session, so tests read as a user's
// steps: `await vscode.runCommand('Nano Banana: Generate Image')`.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame, Locator, Page } from 'playwright-core';
import { activeEditorText, activeEditorTitle, clickOnText, openFile, outputPanelText, pickCodeAction, saveActiveEditor, showOutputChannel, webviewFrame } from './editors';
import { explorerContextMenu, explorerRow, selectInExplorer, showExplorer } from './explorer';
import { notificationMessages, showNotificationCenter, waitForDialog, waitForNotification, type Dialog, type Notification } from './notifications';
import { ARTIFACTS_DIR } from './paths';
import {
  DEFAULT_TIMEOUT,
  acceptQuickPick,
  listCommands,
  pickQuickPickItem,
  quickInputState,
  runCommand,
  typeInInput,
  waitForCommand,
  type QuickInputState,
} from './quick-input';

/** Waits until the workbench has rendered and the workspace folder is shown in the Explorer. */
export async function waitForWorkbench(page: Page, timeout = 90_000): Promise<void> {
  await page.locator('.monaco-workbench').waitFor({ timeout });
  await page.locator('.monaco-workbench .part.statusbar').waitFor({ timeout });
  await page.locator('.explorer-folders-view').waitFor({ timeout });
}

export class Workbench {
  constructor(readonly page: Page) {}

  // Command palette, input boxes, quick picks.
  runCommand(title: string, timeout?: number): Promise<void> {
    return runCommand(this.page, title, timeout);
  }
  waitForCommand(title: string, timeout?: number): Promise<void> {
    return waitForCommand(this.page, title, timeout);
  }
  listCommands(filter: string): Promise<string[]> {
    return listCommands(this.page, filter);
  }
  typeInInput(text: string, options?: { submit?: boolean; timeout?: number }): Promise<void> {
    return typeInInput(this.page, text, options);
  }
  pickQuickPickItem(label: string | RegExp, timeout?: number): Promise<void> {
    return pickQuickPickItem(this.page, label, timeout);
  }
  acceptQuickPick(timeout?: number): Promise<void> {
    return acceptQuickPick(this.page, timeout);
  }
  quickInput(): Promise<QuickInputState> {
    return quickInputState(this.page);
  }
  /** Waits until an input box or quick pick is open and returns what it shows. */
  async waitForQuickInput(timeout = DEFAULT_TIMEOUT): Promise<QuickInputState> {
    await this.page.locator('.quick-input-widget .quick-input-box input').waitFor({ state: 'visible', timeout });
    return quickInputState(this.page);
  }

  // Notifications.
  waitForNotification(text: string | RegExp, timeout?: number): Promise<Notification> {
    return waitForNotification(this.page, text, timeout);
  }
  notifications(): Promise<string[]> {
    return notificationMessages(this.page);
  }
  showNotificationCenter(timeout?: number): Promise<void> {
    return showNotificationCenter(this.page, timeout);
  }
  waitForDialog(timeout?: number): Promise<Dialog> {
    return waitForDialog(this.page, timeout);
  }

  // Editors, webviews, Output.
  openFile(relativePath: string, timeout?: number): Promise<void> {
    return openFile(this.page, relativePath, timeout);
  }
  activeEditorTitle(): Promise<string> {
    return activeEditorTitle(this.page);
  }
  activeEditorText(timeout?: number): Promise<string> {
    return activeEditorText(this.page, timeout);
  }
  saveActiveEditor(timeout?: number): Promise<void> {
    return saveActiveEditor(this.page, timeout);
  }
  clickOnText(text: string, timeout?: number): Promise<void> {
    return clickOnText(this.page, text, timeout);
  }
  pickCodeAction(title: string, timeout?: number): Promise<void> {
    return pickCodeAction(this.page, title, timeout);
  }
  webviewFrame(selector: string, timeout?: number): Promise<Frame> {
    return webviewFrame(this.page, selector, timeout);
  }
  showOutputChannel(channel: string, timeout?: number): Promise<void> {
    return showOutputChannel(this.page, channel, timeout);
  }
  outputPanelText(): Promise<string> {
    return outputPanelText(this.page);
  }

  // Explorer.
  showExplorer(timeout?: number): Promise<void> {
    return showExplorer(this.page, timeout);
  }
  explorerRow(relativePath: string, timeout?: number): Promise<Locator> {
    return explorerRow(this.page, relativePath, timeout);
  }
  selectInExplorer(relativePaths: string[], timeout?: number): Promise<Locator[]> {
    return selectInExplorer(this.page, relativePaths, timeout);
  }
  explorerContextMenu(relativePaths: string | string[], entry: string, timeout?: number): Promise<void> {
    return explorerContextMenu(this.page, relativePaths, entry, timeout);
  }

  /**
   * Developer: Reload Window, as a user would, then waits until the new window's extension host
   * has registered the extension's commands again.
   */
  async reloadWindow(timeout = 90_000): Promise<void> {
    const reloaded = this.page.waitForEvent('load', { timeout });
    // The page navigates away while the palette helper still watches it; the load event is the evidence.
    await this.runCommand('Developer: Reload Window').catch(() => undefined);
    await reloaded;
    await waitForWorkbench(this.page, timeout);
    await this.waitForCommand('Nano Banana: Set API Token', timeout);
  }

  /** Saves a screenshot as .e2e-artifacts/<name>.png and returns its path. */
  async screenshot(name: string): Promise<string> {
    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    const path = join(ARTIFACTS_DIR, `${name.replace(/[^\w.-]+/g, '_')}.png`);
    await this.page.screenshot({ path });
    return path;
  }
}
