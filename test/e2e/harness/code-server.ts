// Runs code-server (a real VS Code: workbench in the browser, real Node extension host) against
// private folders, so nothing of the developer's own VS Code or home folder leaks in or out.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnGroup, waitForHttp, type GroupProcess } from './processes';

/** A quiet workbench: nothing opens by itself, nothing phones home, no trust prompt. */
export const QUIET_WORKBENCH_SETTINGS: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'chat.disableAIFeatures': true,
  'window.dialogStyle': 'custom',
  'git.enabled': false,
};

/** What tests start from: the quiet workbench, and an editor without pop-ups that would steal Enter and clicks. */
export const E2E_USER_SETTINGS: Record<string, unknown> = {
  ...QUIET_WORKBENCH_SETTINGS,
  'files.autoSave': 'off',
  'editor.quickSuggestions': { other: false, comments: false, strings: false },
  'editor.suggestOnTriggerCharacters': false,
  'editor.hover.enabled': false,
  'editor.parameterHints.enabled': false,
  'editor.minimap.enabled': false,
  // One row per folder: a compacted "assets / generated" row has no name of its own to find it by.
  'explorer.compactFolders': false,
};

export interface CodeServerDirs {
  /** Holds everything below; removed by the caller when the session ends. */
  root: string;
  userDataDir: string;
  extensionsDir: string;
  logFile: string;
}

export function codeServerDirs(root: string): CodeServerDirs {
  const dirs = {
    root,
    userDataDir: join(root, 'user-data'),
    extensionsDir: join(root, 'extensions'),
    logFile: join(root, 'code-server.log'),
  };
  mkdirSync(join(dirs.userDataDir, 'User'), { recursive: true });
  mkdirSync(dirs.extensionsDir, { recursive: true });
  // code-server writes its config.yaml (with a generated password) and logs below the XDG
  // folders, and leaves an IPC socket per window in TMPDIR: keep all of it inside `root`.
  for (const dir of ['xdg-config', 'xdg-data', 'tmp']) mkdirSync(join(root, dir), { recursive: true });
  return dirs;
}

function codeServerEnv(dirs: CodeServerDirs, extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  // Inherited from a developer's own VS Code terminal, these would make code-server talk to that VS Code.
  for (const key of Object.keys(env)) {
    if (key.startsWith('VSCODE_') || key === 'ELECTRON_RUN_AS_NODE') delete env[key];
  }
  // A real token in the developer's shell must never reach the tests; sessions pass one explicitly.
  delete env.ACEDATACLOUD_API_TOKEN;
  // With http.proxy empty the extension follows these, and a developer's proxy would then stand between
  // it and the stand-in; tests that want a proxy set http.proxy (CI has none of these).
  for (const name of ['http_proxy', 'https_proxy', 'no_proxy', 'all_proxy']) {
    delete env[name];
    delete env[name.toUpperCase()];
  }
  return {
    ...env,
    XDG_CONFIG_HOME: join(dirs.root, 'xdg-config'),
    XDG_DATA_HOME: join(dirs.root, 'xdg-data'),
    TMPDIR: join(dirs.root, 'tmp'),
    ...extra,
  };
}

export function writeUserSettings(dirs: CodeServerDirs, settings: Record<string, unknown>): void {
  writeFileSync(join(dirs.userDataDir, 'User', 'settings.json'), `${JSON.stringify(settings, null, 2)}\n`);
}

export function installVsix(entry: string, dirs: CodeServerDirs, vsix: string): void {
  const result = spawnSync(
    process.execPath,
    [entry, '--user-data-dir', dirs.userDataDir, '--extensions-dir', dirs.extensionsDir, '--install-extension', vsix],
    { env: codeServerEnv(dirs, {}), encoding: 'utf8', timeout: 120_000 },
  );
  if (result.status !== 0) {
    throw new Error(`Installing ${vsix} into code-server failed (${result.status ?? result.signal}):\n${result.stdout}\n${result.stderr}`);
  }
}

export interface CodeServer {
  url: string;
  port: number;
  process: GroupProcess;
  /** The workbench address with `folder` opened. */
  folderUrl(folder: string): string;
}

export async function startCodeServer(
  entry: string,
  dirs: CodeServerDirs,
  options: { port: number; folder: string; env?: NodeJS.ProcessEnv; locale?: string },
): Promise<CodeServer> {
  const url = `http://127.0.0.1:${options.port}`;
  const args = [
    entry,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${options.port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--disable-proxy',
    '--ignore-last-opened',
    '--user-data-dir', dirs.userDataDir,
    '--extensions-dir', dirs.extensionsDir,
    ...(options.locale ? ['--locale', options.locale] : []),
    options.folder,
  ];
  const child = spawnGroup(process.execPath, args, { env: codeServerEnv(dirs, options.env ?? {}), logFile: dirs.logFile });
  try {
    await waitForHttp(`${url}/healthz`, child.exited, 60_000, dirs.logFile);
  } catch (error) {
    await child.stop();
    throw error;
  }
  return {
    url,
    port: options.port,
    process: child,
    folderUrl: (folder) => `${url}/?folder=${encodeURIComponent(folder)}`,
  };
}
