// Proves the harness end to end: the packaged extension is installed into a real VS Code, the
// workbench renders in Chromium, and the palette lists every command of the manifest.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { useSession } from './harness/node-test';
import { REPO_ROOT } from './harness/paths';

const session = useSession();

const CORE_COMMANDS = [
  'Nano Banana: Generate Image',
  'Nano Banana: Edit Image',
  'Nano Banana: Generate Image and Insert Link',
  'Nano Banana: Set API Token',
  'Nano Banana: Clear API Token',
  'Nano Banana: Show Results',
];

/** Titles as VS Code shows them in English: `%key%` placeholders resolved through package.nls.json. */
function manifestCommands(): string[] {
  const read = (file: string): unknown => JSON.parse(readFileSync(join(REPO_ROOT, file), 'utf8'));
  const manifest = read('package.json') as { contributes: { commands: Array<{ title: string; category: string }> } };
  const strings = read('package.nls.json') as Record<string, string>;
  const localized = (text: string) => text.replace(/^%(.+)%$/, (placeholder, key: string) => strings[key] ?? placeholder);
  return manifest.contributes.commands.map((command) => `${localized(command.category)}: ${localized(command.title)}`);
}

test('the command palette lists every Nano Banana command', async () => {
  const { vscode } = session();
  // Insert Link is offered only while a Markdown editor is active.
  await vscode.openFile('README.md');
  assert.equal(await vscode.activeEditorTitle(), 'README.md');
  // `editorLangId` is the focused editor's: click into it, so the palette cannot open before the focus arrived.
  await vscode.clickOnText('Sample');

  const listed = await vscode.listCommands('Nano Banana:');
  assert.deepEqual([...listed].sort(), manifestCommands().sort());
  for (const title of CORE_COMMANDS) assert.ok(listed.includes(title), `${title} is listed`);

  // Kept as evidence that the workbench really renders (and to eyeball it when in doubt).
  await vscode.page.keyboard.press('F1');
  await vscode.typeInInput('>Nano Banana:', { submit: false });
  await vscode.screenshot('smoke-command-palette');
  await vscode.page.keyboard.press('Escape');
});
