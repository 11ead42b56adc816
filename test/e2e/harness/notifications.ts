// Notifications as the user sees them: toasts in the corner, or the notification center once
// toasts were hidden. Progress notifications are notifications too; their text includes the
// progress message ("Generating image: 2 of 4").
import type { Locator, Page } from 'playwright-core';
import { DEFAULT_TIMEOUT, exactText } from './quick-input';

const ITEMS = '.notifications-toasts .notification-list-item, .notifications-center .notification-list-item';

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
  const locator = page
    .locator(ITEMS)
    .filter({ has: page.locator('.notification-list-item-message', { hasText: text }) })
    .first();
  try {
    await locator.waitFor({ state: 'visible', timeout });
  } catch (error) {
    const shown = await notificationMessages(page);
    throw new Error(`No notification matching ${String(text)} within ${timeout / 1000} s; shown: ${JSON.stringify(shown)}`, { cause: error });
  }
  return notificationHandle(locator);
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
