// One end-to-end session: the API stand-in, code-server with the freshly packaged extension, a
// fresh workspace and a Chromium window on it. Everything started here is ended by close(),
// also when startup fails half way, and by Ctrl+C.
import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { DEMO_TOKEN, startMockApi, type MockApi, type MockKnobs } from '../../mock-api';
import { E2E_USER_SETTINGS, codeServerDirs, installVsix, startCodeServer, writeUserSettings, type CodeServer } from './code-server';
import { CHROMIUM_PATH, ensureCodeServer } from './install';
import { packLanguagePack, registerLanguagePack } from './languagePack';
import { readOutputLog, saveFailureArtifacts, testFileSlug } from './logs';
import { REPO_ROOT } from './paths';
import { freePort, onInterrupt } from './processes';
import { TOOL_CALLS_ENV, ToolCaller } from './toolCaller';
import { ensureVsix, packFixtureExtension } from './vsix';
import { waitUntil } from './wait';
import { Workbench, waitForWorkbench } from './workbench';
import { createWorkspace, type WorkspaceFiles } from './workspace';

export interface SessionOptions {
  /** User settings on top of the e2e defaults, which include `nanoBanana.apiBaseUrl` = the stand-in. */
  settings?: Record<string, unknown>;
  /** Folder under test/e2e/fixtures/ copied into the workspace (default "workspace"; null: empty). */
  fixture?: string | null;
  /** Extra workspace files, relative path to content. */
  files?: WorkspaceFiles;
  /**
   * Token the stand-in accepts (default DEMO_TOKEN). It is given to the extension through the
   * ACEDATACLOUD_API_TOKEN environment variable of code-server unless `tokenInEnv` is false,
   * for tests of the Set API Token flow.
   */
  token?: string;
  tokenInEnv?: boolean;
  /** Stand-in knobs in force from the start and after `api.reset()`. */
  knobs?: MockKnobs;
  /** VS Code's display language, e.g. 'zh-cn' (default: English). */
  locale?: string;
  /** code-server port (default: any free one). */
  port?: number;
  /** Browser window size (default 1400x900). */
  viewport?: { width: number; height: number };
  /** Installs the test-only Tool Caller extension, so `session.tools` can call language-model tools as an agent does. */
  toolCaller?: boolean;
}

export interface Session {
  api: MockApi;
  vscode: Workbench;
  page: Page;
  browser: Browser;
  codeServer: CodeServer;
  /** Absolute path of the workspace folder opened in VS Code. */
  workspace: string;
  userDataDir: string;
  /** Temporary folder holding workspace, user data, extensions and logs. */
  root: string;
  /** Absolute path of a workspace-relative path. */
  path(relativePath: string): string;
  /** Workspace-relative paths of all files below `folder` (default: the whole workspace), sorted. */
  listFiles(folder?: string): string[];
  /** Waits until the workspace holds this file (written by the extension), with the workspace's files in the error. */
  waitForFile(relativePath: string, timeout?: number): Promise<void>;
  /** Full text of an Output channel as written to disk (see logs.ts). */
  outputLog(channel?: string): string;
  /** Calls language-model tools through `vscode.lm.invokeTool` (with `toolCaller: true`). */
  tools: ToolCaller;
  close(): Promise<void>;
}

const BROWSER_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

export async function startSession(options: SessionOptions = {}): Promise<Session> {
  const codeServerEntry = await ensureCodeServer();
  const vsix = ensureVsix();
  const root = mkdtempSync(join(tmpdir(), 'nano-banana-e2e-'));
  const stack: Array<() => Promise<void>> = [];
  let page: Page | undefined;
  let closing: Promise<void> | undefined;
  // Called by the test, by a failed start and by Ctrl+C, possibly at once: all share one run.
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      const errors: unknown[] = [];
      for (const stop of stack.splice(0).reverse()) await stop().catch((error: unknown) => errors.push(error));
      if (process.env.E2E_KEEP !== '1') rmSync(root, { recursive: true, force: true });
      unhook();
      if (errors.length > 0) throw new AggregateError(errors, 'Stopping the e2e session failed');
    })());
  const unhook = onInterrupt(close);
  try {
    const dirs = codeServerDirs(root);
    installVsix(codeServerEntry, dirs, vsix);
    if (options.locale) {
      installVsix(codeServerEntry, dirs, packLanguagePack(options.locale, dirs));
      registerLanguagePack(options.locale, dirs);
    }

    const tools = new ToolCaller(join(root, 'tool-calls'));
    if (options.toolCaller) installVsix(codeServerEntry, dirs, packFixtureExtension('tool-caller', join(root, 'tool-caller.vsix')));

    const token = options.token ?? DEMO_TOKEN;
    const api = await startMockApi({ port: 0, token, knobs: options.knobs });
    stack.push(() => api.close());

    const workspace = createWorkspace(join(root, 'workspace'), options.fixture === undefined ? 'workspace' : options.fixture, options.files);
    writeUserSettings(dirs, { ...E2E_USER_SETTINGS, 'nanoBanana.apiBaseUrl': api.url, ...options.settings });
    const env = { ...(options.tokenInEnv === false ? {} : { ACEDATACLOUD_API_TOKEN: token }), ...(options.toolCaller ? { [TOOL_CALLS_ENV]: tools.dir } : {}) };
    const codeServer = await startCodeServer(codeServerEntry, dirs, { port: options.port ?? (await freePort()), folder: workspace, env, locale: options.locale });
    stack.push(() => codeServer.process.stop());

    const browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: BROWSER_ARGS,
      // Ctrl+C is handled by close(), which also ends code-server; Playwright's own handler
      // would exit the process before that.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
    stack.push(() => browser.close());
    page = await browser.newPage({ viewport: options.viewport ?? { width: 1400, height: 900 } });
    const browserLog = join(root, 'browser.log');
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') appendFileSync(browserLog, `[${message.type()}] ${message.text()}\n`);
    });
    page.on('pageerror', (error) => appendFileSync(browserLog, `[pageerror] ${error.stack ?? error.message}\n`));
    // A slow window on a quiet machine, to bring out the races that a busy CI machine shows.
    if (process.env.E2E_CPU_THROTTLE) {
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: Number(process.env.E2E_CPU_THROTTLE) });
    }
    await page.goto(codeServer.folderUrl(workspace));
    await waitForWorkbench(page);
    const vscode = new Workbench(page);
    // The extension host registers contributed commands a few seconds after the window shows.
    await vscode.waitForCommand(setTokenTitle(options.locale), 90_000);

    const workspaceFiles = (folder = ''): string[] => listFiles(join(workspace, folder)).map((file) => relative(workspace, file)).sort();
    return {
      api,
      vscode,
      page,
      browser,
      codeServer,
      workspace,
      userDataDir: dirs.userDataDir,
      root,
      path: (relativePath) => join(workspace, relativePath),
      listFiles: workspaceFiles,
      waitForFile: async (relativePath, timeout = 60_000) => {
        await waitUntil(
          () => workspaceFiles().includes(relativePath),
          () => `${relativePath} never appeared; the workspace holds ${JSON.stringify(workspaceFiles())}`,
          timeout,
        );
      },
      outputLog: (channel = 'Nano Banana') => readOutputLog(dirs.userDataDir, channel),
      tools,
      close,
    };
  } catch (error) {
    const saved = await saveFailureArtifacts(`${testFileSlug()}--session-start`, page, root);
    process.stderr.write(`[e2e] session failed to start; kept ${saved.join(', ') || 'nothing'}\n`);
    await close().catch(() => undefined);
    throw error;
  }
}

/** The palette title of Set API Token in the session's display language, from the manifest's strings. */
function setTokenTitle(locale: string | undefined): string {
  const localized = locale && join(REPO_ROOT, `package.nls.${locale.toLowerCase()}.json`);
  const file = localized && existsSync(localized) ? localized : join(REPO_ROOT, 'package.nls.json');
  const strings = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
  return `Nano Banana: ${strings['command.setApiToken.title']}`;
}

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}
