// `npm run screenshot`: retakes images/screenshot.png, the README's picture, with the e2e harness:
// the packaged extension in a real VS Code against the local stand-in. In docs/guide.md it runs
// Generate Image and Insert Link as a user would, then photographs the Markdown editor with the
// inserted link beside the results panel showing the image and its prompt.
// Run it under the e2e lock on shared machines: flock /tmp/nano-banana-e2e.lock npm run screenshot
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../test/e2e/harness/paths';
import { startSession } from '../test/e2e/harness/session';

const OUTPUT = join(REPO_ROOT, 'images', 'screenshot.png');
const PROMPT = 'a friendly robot mascot, flat illustration';

async function main(): Promise<void> {
  const session = await startSession({ settings: { 'nanoBanana.askForOptions': false, 'editor.lightbulb.enabled': 'off' }, viewport: { width: 1400, height: 820 } });
  try {
    const { vscode, page } = session;
    await vscode.openFile('docs/guide.md');
    await page.locator('.editor-group-container.active .monaco-editor .view-lines').click();
    await page.keyboard.press('Control+End');
    await vscode.runCommand('Nano Banana: Generate Image and Insert Link');
    await vscode.typeInInput(PROMPT);

    await page.locator('.editor-group-container .tab.dirty[data-resource-name="guide.md"]').waitFor({ timeout: 60_000 });
    await vscode.saveActiveEditor();
    const panel = await vscode.webviewFrame('.job-latest.stage-saved', 60_000);
    await panel.waitForFunction(() => {
      const image = document.querySelector<HTMLImageElement>('.job-latest img.result-image');
      return !!image && image.complete && image.naturalWidth > 0;
    }, undefined, { timeout: 30_000 });
    // The status bar's "saved" message and the toasts fade; the picture is about the editor and the panel.
    await vscode.runCommand('Notifications: Clear All Notifications');
    // The Explorer shows where the image went.
    await vscode.explorerRow(session.listFiles('assets/generated')[0]);
    await page.locator('.editor-group-container .tab[data-resource-name="guide.md"]').click();

    mkdirSync(join(REPO_ROOT, 'images'), { recursive: true });
    await page.screenshot({ path: OUTPUT });
    console.log(`Saved ${OUTPUT}`);
  } finally {
    await session.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack ?? error.message : error);
  process.exitCode = 1;
});
