// Issue 16: the results panel is audited with axe-core inside its own frame, for WCAG 2 A and AA, in
// light, dark and high-contrast themes, while it shows a running job, a finished one, a failed one and a
// filled gallery; and every action is reachable and operable from the keyboard.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import type { Frame } from 'playwright-core';
import { useSession } from './harness/node-test';
import { waitUntil } from './harness/wait';

const session = useSession({ settings: { 'nanoBanana.askForOptions': false }, knobs: { generationDelayMs: 300 } });

/** As the Color Theme picker lists them (its labels; their settings ids are these prefixed with "Default"). */
const THEMES = ['Light Modern', 'Light+', 'Dark+', 'Dark Modern', 'Dark High Contrast', 'Light High Contrast'];
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  help: string;
  nodes: Array<{ target: string[]; failureSummary?: string }>;
}

async function setTheme(theme: string): Promise<void> {
  const { vscode } = session();
  await vscode.runCommand('Preferences: Color Theme');
  // The list is long and only its visible rows exist: filter it down to the theme first.
  await vscode.typeInInput(theme, { submit: false });
  await vscode.pickQuickPickItem(theme);
}

/** The panel's frame once it shows the four states and uses `theme`. */
async function panelIn(theme: string): Promise<Frame> {
  const { vscode } = session();
  const frame = await vscode.webviewFrame('.job-latest.stage-waiting, .job-latest.stage-submitting');
  let seen: string | null = null;
  await waitUntil(
    async () => {
      seen = await frame.evaluate(() => document.body.getAttribute('data-vscode-theme-name')).catch(() => null);
      return seen !== null && (seen === theme || seen.endsWith(` ${theme}`) || seen.includes(theme));
    },
    () => `the panel never took the theme ${theme} (it has ${seen})`,
  );
  return frame;
}

async function audit(frame: Frame): Promise<AxeViolation[]> {
  if (!(await frame.evaluate(() => 'axe' in window))) await frame.evaluate(AXE_SOURCE);
  return frame.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
  });
}

test('[panel:a11y] set up: a finished job, a failed one, and a running one as the latest, so the gallery holds the others', async () => {
  const { vscode, api } = session();
  await vscode.runCommand('Nano Banana: Generate Image');
  await vscode.typeInInput('a finished picture');
  await vscode.webviewFrame('.job-latest.stage-saved');
  api.knobs.moderateNext = 1;
  await vscode.runCommand('Nano Banana: Generate Image');
  await vscode.typeInInput('a refused picture');
  await vscode.webviewFrame('.job-latest.stage-failed');
  api.knobs.generationDelayMs = 600_000;
  await vscode.runCommand('Nano Banana: Generate Image');
  await vscode.typeInInput('a running picture');
  const frame = await vscode.webviewFrame('.job-latest.stage-waiting');
  assert.equal(await frame.locator('.job-earlier').count(), 2);
  assert.equal(await frame.locator('.job-earlier.stage-failed .job-stage').textContent(), 'Failed');
});

for (const theme of THEMES) {
  test(`[panel:a11y] no WCAG 2 A/AA violation in ${theme}`, async () => {
    await setTheme(theme);
    const violations = await audit(await panelIn(theme));
    assert.deepEqual(violations, [], JSON.stringify(violations, null, 2));
  });
}

test('[panel:a11y] images carry their prompt as alternative text, and the search is labelled', async () => {
  const frame = await panelIn(THEMES.at(-1)!);
  const images = await frame.locator('.job img').evaluateAll((all) => all.map((image) => [image.getAttribute('alt'), image.closest('.job')?.querySelector('.job-prompt')?.textContent]));
  assert.ok(images.length > 0);
  for (const [alt, prompt] of images) assert.equal(alt, prompt);
  assert.equal(await frame.locator('.gallery-search').getAttribute('aria-label'), 'Search earlier results by prompt');
});

test('[panel:a11y] from the keyboard: Tab reaches the actions with a visible focus, Enter runs one', async () => {
  const { page } = session();
  const frame = await panelIn(THEMES.at(-1)!);
  await frame.locator('.earlier-heading').click();
  let focused = '';
  for (let tabs = 0; tabs < 40 && focused !== 'Open'; tabs++) {
    await page.keyboard.press('Tab');
    focused = await frame.evaluate(() => (document.activeElement instanceof HTMLButtonElement ? document.activeElement.textContent ?? '' : ''));
  }
  assert.equal(focused, 'Open', 'Tab reached the Open button of the finished job');
  const outline = await frame.evaluate(() => {
    const style = getComputedStyle(document.activeElement as Element);
    return { style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
  });
  assert.notEqual(outline.style, 'none');
  assert.ok(outline.width > 0, 'the focused button shows its focus');
  await page.keyboard.press('Enter');
  await page.locator('.tab', { hasText: 'a-finished-picture.png' }).waitFor({ timeout: 30_000 });
});
