// Notifications as the user sees them: toasts in the corner, or the notification center once
// toasts were hidden. Progress notifications are notifications too; their text includes the
// progress message ("Generating image: 2 of 4").
//
// A toast is not certain: VS Code shows none for a notification added when three others were added
// less than 800 ms before (its spam protection), so notifications that several quick steps raise
// together may only be in the notification center. A test that must find one whatever came before
// opens the center first (`showNotificationCenter`); every notification still open is listed there.
import type { Locator, Page } from 'playwright-core';
import { DEFAULT_TIMEOUT, exactText, runCommand } from './quick-input';

const CENTER = '.notifications-center';
const ITEMS = `.notifications-toasts .notification-list-item, ${CENTER} .notification-list-item`;

export interface Notification {
  locator: Locator;
  /** The message as shown, without the source line and buttons. */
  message(): Promise<string>;
  /** The labels of its buttons (e.g. "Open", "Cancel"). */
  buttons(): Promise<string[]>;
  /** Clicks the button with this exact label. */
  clickButton(label: string): Promise<void>;
  /** Waits until the notification is gone (finished progress, dismissed, or replaced). */
  waitForGone(timeout?: number): Promise<void>;
  /** Closes it with its clear (×) action. */
  dismiss(): Promise<void>;
}

/** Waits for a notification whose message contains `text` (or matches the pattern). */
export async function waitForNotification(page: Page, text: string | RegExp, timeout = DEFAULT_TIMEOUT): Promise<Notification> {
  // Visible ones only: a closed notification center keeps its rows, hidden.
  const locator = page
    .locator(ITEMS)
    .filter({ visible: true, has: page.locator('.notification-list-item-message', { hasText: text }) })
    .first();
  try {
    await locator.waitFor({ state: 'visible', timeout });
  } catch (error) {
    const shown = await notificationMessages(page);
    // The test fails anyway: say whether it was there without a toast.
    const inCenter = await showNotificationCenter(page, 5000).then(() => notificationMessages(page)).catch(() => ['(the notification center did not open)']);
    throw new Error(`No notification matching ${String(text)} within ${timeout / 1000} s; shown: ${JSON.stringify(shown)}; the notification center lists ${JSON.stringify(inCenter)}`, { cause: error });
  }
  return notificationHandle(locator);
}

/**
 * Opens the notification center ("Notifications: Show Notifications"), which lists every open
 * notification, those VS Code gave no toast included. While it is open new notifications go there
 * instead of into toasts, and `waitForNotification` finds them there.
 */
export async function showNotificationCenter(page: Page, timeout = DEFAULT_TIMEOUT): Promise<void> {
  const center = page.locator(`${CENTER}.visible`);
  if (await center.isVisible()) return;
  await runCommand(page, 'Notifications: Show Notifications', timeout);
  await center.waitFor({ state: 'visible', timeout });
}

/** Messages of every visible notification, newest first. */
export async function notificationMessages(page: Page): Promise<string[]> {
  const messages = page.locator(ITEMS).locator('.notification-list-item-message');
  return (await messages.allInnerTexts()).map((text) => text.trim());
}

function notificationHandle(locator: Locator): Notification {
  const buttons = locator.locator('.notification-list-item-buttons-container .monaco-button');
  return {
    locator,
    message: async () => (await locator.locator('.notification-list-item-message').innerText()).trim(),
    buttons: async () => (await buttons.allInnerTexts()).map((label) => label.trim()),
    clickButton: async (label) => {
      await buttons.filter({ hasText: exactText(label) }).click();
    },
    waitForGone: (timeout = DEFAULT_TIMEOUT) => locator.waitFor({ state: 'detached', timeout }),
    dismiss: async () => {
      // The toolbar only shows on hover.
      await locator.hover();
      await locator.locator('.codicon-notifications-clear').click();
    },
  };
}

export interface Dialog {
  /** The message, and the detail below it. */
  message: string;
  detail: string;
  buttons: string[];
  /** Clicks the button with this exact label and waits until the dialog is gone. */
  clickButton(label: string): Promise<void>;
}

/** Waits for a modal dialog (`showWarningMessage(…, { modal: true })`), as the custom dialog style draws it. */
export async function waitForDialog(page: Page, timeout = DEFAULT_TIMEOUT): Promise<Dialog> {
  const box = page.locator('.monaco-dialog-box');
  await box.waitFor({ state: 'visible', timeout });
  const buttons = box.locator('.dialog-buttons .monaco-button');
  return {
    message: (await box.locator('.dialog-message-text').innerText()).trim(),
    detail: (await box.locator('.dialog-message-detail').innerText().catch(() => '')).trim(),
    buttons: (await buttons.allInnerTexts()).map((label) => label.trim()),
    clickButton: async (label) => {
      await buttons.filter({ hasText: exactText(label) }).click();
      await box.waitFor({ state: 'detached', timeout });
    },
  };
}
