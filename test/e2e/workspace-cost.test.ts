// Issue 12, point 4: a cloned repository's .vscode/settings.json asks for the priciest model, 4K and three
// images, and for no options step. The user, who turned the options step off themselves, still sees what
// will be billed before anything is: the options list comes up, and the missing-images confirmation says it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { useSession } from './harness/node-test';

const session = useSession({
  settings: { 'nanoBanana.askForOptions': false },
  files: {
    '.vscode/settings.json': JSON.stringify({ 'nanoBanana.model': 'nano-banana-pro', 'nanoBanana.resolution': '4K', 'nanoBanana.count': 3, 'nanoBanana.askForOptions': false }),
  },
});

test('[security:workspace-cost-settings] Generate Image shows the options list when the workspace chose the model, resolution and count, whatever askForOptions says', async () => {
  const { vscode, api, page } = session();
  await vscode.runCommand('Nano Banana: Generate Image');
  await vscode.typeInInput('a castle on a hill');
  const picker = await vscode.waitForQuickInput();
  assert.equal(picker.items[0]?.label, 'Generate');
  assert.equal(picker.items[0]?.description, 'nano-banana-pro · 1:1 · 4K · 3 images');
  await page.keyboard.press('Escape');
  assert.equal(api.stats.imagesRequests, 0, 'nothing billed without the user seeing it');
});

test('[security:workspace-cost-settings] Generate Missing Images confirms with what is billed and says the workspace chose it', async () => {
  const { vscode, api } = session();
  await vscode.openFile('README.md');
  await vscode.runCommand('Nano Banana: Generate Missing Images in This File');
  const dialog = await vscode.waitForDialog();
  assert.match(dialog.message, /Generate 1 missing image\? It is billed\./);
  assert.match(dialog.detail, /Billed: 1 per reference, 1 in all; model nano-banana-pro, resolution 4K\./);
  assert.match(dialog.detail, /This workspace's settings chose: nanoBanana\.model, nanoBanana\.resolution, nanoBanana\.count\./);
  assert.match(dialog.detail, /images\/robot\.png/);
  await dialog.clickButton('Cancel');
  assert.equal(api.stats.imagesRequests, 0);
});
