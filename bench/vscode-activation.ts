// The extension's activation time as the real VS Code extension host reports it: the packaged .vsix
// in code-server (the e2e harness), activated by a command, then read from Developer: Show Running
// Extensions, whose "Activation: N ms" is code loading plus the activate() call. Opt-in
// (`npm run bench -- --vscode`): it needs the e2e setup and about 40 s. Prints one JSON line.
import { startSession } from '../test/e2e/harness/session';

const EXTENSION_NAME = 'Nano Banana Images';

async function main(): Promise<void> {
  const session = await startSession({ fixture: null });
  try {
    const { vscode, page } = session;
    await vscode.runCommand('Nano Banana: Show Results');
    await vscode.runCommand('Developer: Show Running Extensions');
    const row = page.locator('.runtime-extensions-editor .monaco-list-row', { hasText: EXTENSION_NAME });
    const time = row.locator('.activation-time');
    await time.waitFor({ timeout: 30_000 });
    const text = (await time.textContent()) ?? '';
    const title = (await time.getAttribute('title')) ?? '';
    const match = /(\d+(?:\.\d+)?)\s*ms/.exec(text);
    if (!match) throw new Error(`no activation time in "${text}" (title "${title}")`);
    process.stdout.write(`${JSON.stringify({ activationMs: Number(match[1]), text: text.trim(), title, version: await page.evaluate(() => navigator.userAgent) })}\n`);
  } finally {
    await session.close();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
