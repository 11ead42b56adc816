// The quick input widget: command palette, Quick Open, input boxes and quick picks all share it,
// so each helper ends by waiting until the widget has moved on (closed, or shows the next step).
import type { Locator, Page } from 'playwright-core';

export const DEFAULT_TIMEOUT = 30_000;
const WIDGET = '.quick-input-widget';

export interface QuickInputState {
  visible: boolean;
  title: string;
  /** The prompt, or the validation message while the value is rejected. */
  message: string;
  value: string;
  /** True while validation rejects the value (Enter does nothing then). */
  invalid: boolean;
  /** Visible rows, labels trimmed (codicons such as `$(sparkle)` are not part of the text). */
  items: QuickPickItemInfo[];
}

export interface QuickPickItemInfo {
  label: string;
  description: string;
  /** Only meaningful in pickers that allow several items. */
  checked: boolean;
}

export function quickInputBox(page: Page): Locator {
  return page.locator(`${WIDGET} .quick-input-box input`);
}

export async function quickInputState(page: Page): Promise<QuickInputState> {
  // No named helper functions in here: tsx would wrap them in a `__name` call that does not
  // exist in the page.
  const raw = await page.evaluate((selector) => {
    const widget = document.querySelector<HTMLElement>(selector);
    if (!widget || getComputedStyle(widget).display === 'none') return null;
    const title = widget.querySelector<HTMLElement>('.quick-input-title');
    return {
      title: title && getComputedStyle(title).display !== 'none' ? (title.textContent ?? '') : '',
      message: widget.querySelector('.quick-input-message')?.textContent ?? '',
      value: widget.querySelector<HTMLInputElement>('.quick-input-box input')?.value ?? '',
      invalid: !!widget.querySelector('.quick-input-box .monaco-inputbox.error'),
      items: Array.from(widget.querySelectorAll('.quick-input-list .monaco-list-row')).map((row) => ({
        label: row.querySelector('.label-name')?.textContent ?? '',
        description: row.querySelector('.label-description')?.textContent ?? '',
        checked: row.querySelector('input[type=checkbox]')?.matches(':checked') ?? row.getAttribute('aria-checked') === 'true',
      })),
    };
  }, WIDGET);
  if (!raw) return { visible: false, title: '', message: '', value: '', invalid: false, items: [] };
  const clean = (text: string): string => text.replace(/\u00a0/g, ' ').trim();
  return {
    ...raw,
    visible: true,
    title: clean(raw.title),
    message: clean(raw.message),
    items: raw.items.map((item) => ({ ...item, label: clean(item.label), description: clean(item.description) })),
  };
}

/** Runs a command from the palette by its full title, e.g. "Nano Banana: Generate Image". */
export async function runCommand(page: Page, title: string, timeout = DEFAULT_TIMEOUT): Promise<void> {
  const deadline = Date.now() + timeout;
  // A view that takes the focus (an Output channel or webview a previous command opened) closes
  // the palette; a click that found no row never ran the command, so it is safe to try again.
  for (;;) {
    const row = await findCommand(page, title, Math.max(1, deadline - Date.now()));
    try {
      await row.click({ timeout: 3000 });
      break;
    } catch (error) {
      if (Date.now() >= deadline) throw error;
    }
  }
  // Done once the palette is gone or the widget was reused for the command's own first step.
  await page.waitForFunction(
    (selector) => {
      const widget = document.querySelector<HTMLElement>(selector);
      const input = widget?.querySelector<HTMLInputElement>('.quick-input-box input');
      return !widget || getComputedStyle(widget).display === 'none' || !input?.value.startsWith('>');
    },
    WIDGET,
    { timeout: Math.max(1, deadline - Date.now()) },
  );
}

/** Titles the palette lists for `filter` (e.g. "Nano Banana:"); closes the palette again. */
export async function listCommands(page: Page, filter: string): Promise<string[]> {
  await openPalette(page, filter);
  // The list is filtered on input and drawn a frame later: read it once every row shown matches the filter.
  await page.waitForFunction(
    ({ selector, wanted }) => {
      const labels = Array.from(document.querySelectorAll(`${selector} .quick-input-list .monaco-list-row .label-name`)).map((label) =>
        (label.textContent ?? '').replace(/\u00a0/g, ' ').trim().toLowerCase(),
      );
      return labels.length > 0 && labels.every((label) => label.includes(wanted) || label === 'no matching commands');
    },
    { selector: WIDGET, wanted: filter.toLowerCase() },
    { timeout: DEFAULT_TIMEOUT },
  );
  const { items } = await quickInputState(page);
  await page.keyboard.press('Escape');
  return items.map((item) => item.label).filter((label) => label !== 'No matching commands');
}

/** Waits until the palette lists `title` (the extension's commands are registered), then closes it. */
export async function waitForCommand(page: Page, title: string, timeout = DEFAULT_TIMEOUT): Promise<void> {
  await findCommand(page, title, timeout);
  await page.keyboard.press('Escape');
}

// The palette snapshots the command list when it opens, and the extension host registers
// contributed commands a few seconds after the workbench appears: reopen until the title shows.
// Reopening also covers a palette closed under our feet by a view that took the focus.
async function findCommand(page: Page, title: string, timeout: number): Promise<Locator> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const attempt = Math.min(3000, Math.max(1, deadline - Date.now()));
    try {
      await openPalette(page, title, attempt);
      const row = itemRow(page, title);
      await row.waitFor({ state: 'visible', timeout: attempt });
      return row;
    } catch (error) {
      if (Date.now() >= deadline) throw new Error(`The command palette never listed "${title}"`, { cause: error });
      await page.keyboard.press('Escape');
    }
  }
}

async function openPalette(page: Page, filter: string, timeout = DEFAULT_TIMEOUT): Promise<void> {
  if ((await quickInputState(page)).visible) await page.keyboard.press('Escape');
  await page.keyboard.press('F1');
  const input = quickInputBox(page);
  await input.waitFor({ state: 'visible', timeout });
  await input.fill(`>${filter}`, { timeout });
}

/** A row of the visible list whose label is exactly `label` (or matches the pattern). */
export function itemRow(page: Page, label: string | RegExp): Locator {
  const pattern = typeof label === 'string' ? exactText(label) : label;
  return page.locator(`${WIDGET} .quick-input-list .monaco-list-row`).filter({ has: page.locator('.label-name', { hasText: pattern }) });
}

/**
 * Types into the open input box or quick pick filter and, unless `submit` is false, presses
 * Enter and waits until the input has been taken. Throws with the validation message when the
 * extension rejects the value.
 */
export async function typeInInput(page: Page, text: string, options: { submit?: boolean; timeout?: number } = {}): Promise<void> {
  const timeout = options.timeout ?? DEFAULT_TIMEOUT;
  const input = quickInputBox(page);
  await input.waitFor({ state: 'visible', timeout });
  const wasInvalid = (await quickInputState(page)).invalid;
  await input.fill(text);
  if (options.submit === false) return;
  // The message about the previous value is stale now; give the extension time to validate the
  // new one, or its old error would read as a rejection of this value.
  for (const settleBy = Date.now() + VALIDATION_SETTLE_MS; wasInvalid && Date.now() < settleBy; ) {
    if (!(await quickInputState(page)).invalid) break;
    await page.waitForTimeout(50);
  }
  const before = await quickInputState(page);
  await input.press('Enter');
  await waitForNextStep(page, before, timeout);
}

/** Clicks the item with this label: picks it, or toggles it in a picker that allows several. */
export async function pickQuickPickItem(page: Page, label: string | RegExp, timeout = DEFAULT_TIMEOUT): Promise<void> {
  const row = itemRow(page, label).first();
  await row.waitFor({ state: 'visible', timeout });
  const before = await quickInputState(page);
  await row.click();
  if (await isMultiSelect(page)) return;
  await waitForNextStep(page, before, timeout);
}

/** Presses Enter: accepts the focused item (or the checked ones) or the typed value. */
export async function acceptQuickPick(page: Page, timeout = DEFAULT_TIMEOUT): Promise<void> {
  const input = quickInputBox(page);
  await input.waitFor({ state: 'visible', timeout });
  const before = await quickInputState(page);
  await input.press('Enter');
  await waitForNextStep(page, before, timeout);
}

async function isMultiSelect(page: Page): Promise<boolean> {
  return page.locator(`${WIDGET} .quick-input-header .monaco-checkbox`).isVisible();
}

// Validation runs in the extension host, so an error can show up (or go away) a moment after
// the value changed; an error that is still there after this long is the extension's answer.
const VALIDATION_SETTLE_MS = 1000;

async function waitForNextStep(page: Page, before: QuickInputState, timeout: number): Promise<void> {
  const deadline = Date.now() + timeout;
  const fingerprint = (state: QuickInputState): string =>
    JSON.stringify([state.title, state.message, state.value, state.items.map((item) => item.label)]);
  let invalidSince: number | undefined;
  for (;;) {
    const now = await quickInputState(page);
    if (!now.visible) return;
    if (now.invalid) {
      invalidSince ??= Date.now();
      if (Date.now() - invalidSince >= VALIDATION_SETTLE_MS) throw new Error(`The input was rejected: ${now.message}`);
    } else {
      invalidSince = undefined;
      if (fingerprint(now) !== fingerprint(before)) return;
    }
    if (Date.now() >= deadline) throw new Error(`The quick input did not move on from "${now.title || now.message}"`);
    await page.waitForTimeout(50);
  }
}

/** Matches an element whose whole text is `text`, give or take surrounding spaces. */
export function exactText(text: string): RegExp {
  return new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
}
