// `npm run demo [-- --port 8080]`: the extension in a real VS Code (code-server) against the local
// API stand-in, on a small sample workspace, for trying it out by hand. Nothing leaves this
// machine: the stand-in answers on 127.0.0.1 and accepts only its public demo token, which the
// extension reads from ACEDATACLOUD_API_TOKEN; no real token is needed or stored.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DEMO_TOKEN, startMockApi } from '../test/mock-api';
import { QUIET_WORKBENCH_SETTINGS, codeServerDirs, installVsix, startCodeServer, writeUserSettings } from '../test/e2e/harness/code-server';
import { ensureCodeServer } from '../test/e2e/harness/install';
import { freePort, onInterrupt, tail } from '../test/e2e/harness/processes';
import { ensureVsix, packFixtureExtension } from '../test/e2e/harness/vsix';
import { createWorkspace } from '../test/e2e/harness/workspace';

const GENERATION_DELAY_MS = 2000;

// Undone in reverse order on Ctrl+C, on a failed start, or when code-server dies.
const stops: Array<() => Promise<void>> = [];
let stopping = false;

async function stopAll(): Promise<void> {
  stopping = true;
  for (const stop of stops.splice(0).reverse()) await stop().catch(() => undefined);
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { port: { type: 'string', default: '8080' } } });
  const wanted = Number(values.port);
  if (!Number.isInteger(wanted) || wanted < 1 || wanted > 65535) throw new Error(`--port must be a port number, got ${values.port}`);

  const entry = await ensureCodeServer();
  const vsix = ensureVsix();
  onInterrupt(stopAll);
  const root = mkdtempSync(join(tmpdir(), 'nano-banana-demo-'));
  stops.push(async () => rmSync(root, { recursive: true, force: true }));

  const dirs = codeServerDirs(root);
  installVsix(entry, dirs, vsix);
  // Lays out the first screen (test/e2e/fixtures/demo-layout): VS Code's own README start page would
  // show only the rendered preview, where nothing says how to fix the broken image.
  installVsix(entry, dirs, packFixtureExtension('demo-layout', join(root, 'demo-layout.vsix')));
  const api = await startMockApi({ port: 0, token: DEMO_TOKEN, knobs: { generationDelayMs: GENERATION_DELAY_MS } });
  stops.push(() => api.close());

  // README.md links images/robot.png, which does not exist yet; images/sample.png is there to edit.
  const workspace = createWorkspace(join(root, 'nano-banana-demo'), 'workspace');
  writeUserSettings(dirs, { ...QUIET_WORKBENCH_SETTINGS, 'nanoBanana.apiBaseUrl': api.url });

  const port = await freePort(wanted);
  if (port !== wanted) console.log(`Port ${wanted} is taken; using ${port} instead.`);
  const layout = JSON.stringify({ file: 'README.md', select: 'images/robot.png' });
  const codeServer = await startCodeServer(entry, dirs, { port, folder: workspace, env: { ACEDATACLOUD_API_TOKEN: DEMO_TOKEN, NANO_BANANA_DEMO_LAYOUT: layout } });
  stops.push(() => codeServer.process.stop());
  void codeServer.process.exited.then(async (code) => {
    if (stopping) return;
    console.error(`code-server exited (${code}). Its last lines:\n${tail(dirs.logFile)}`);
    await stopAll();
    process.exit(1);
  });

  console.log(`
Nano Banana demo is running.

  Open:       ${codeServer.folderUrl(workspace)}
  Workspace:  ${workspace}
  API:        ${api.url} (local stand-in, results after ${GENERATION_DELAY_MS / 1000} s, demo token preset)

README.md opens with its preview beside it. Its mascot, images/robot.png, is not drawn yet:
  - in the source, the lightbulb beside the selected reference (or Ctrl+.) offers
    "Generate Missing Image with Nano Banana";
  - click the preview's tab: its title bar then has a sparkle button,
    "Generate Missing Images in This File".
Then: F1 > "Nano Banana: Generate Image", right-click images/sample.png > "Edit Image", or in
README.md put the cursor on an empty line and run "Nano Banana: Generate Image and Insert Link".
Press Ctrl+C to stop; the temporary workspace is removed.
`);
}

main().catch(async (error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  await stopAll();
  process.exit(1);
});
