import * as vscode from 'vscode';
import type { JobStore } from '../jobs/jobStore';
import type { MarkdownEditorTracker } from '../markdown/markdownEditorTracker';
import type { Log } from '../services/log';
import type { PriceBook } from '../services/priceBook';
import { formatCredits } from '../core/price';
import { makeNonce } from './csp';
import { Disposable } from './disposable';
import { toJobView, type JobViewContext } from './jobView';
import { MissingFiles } from './missingFiles';
import { runPreviewAction, type PreviewActions } from './previewActions';
import { previewHtml } from './previewHtml';
import { parseWebviewMessage, type HostMessage } from './protocol';
import { isBelowRoots } from './resourceRoots';
import type { JobRecord } from '../model/job';

export type { PreviewActions } from './previewActions';

export interface PreviewPanelDeps {
  extensionUri: vscode.Uri;
  store: JobStore;
  actions: PreviewActions;
  markdownEditors: MarkdownEditorTracker;
  log: Log;
  prices: PriceBook;
}

export interface ShowPreviewOptions {
  /** Keep the keyboard where the user is typing, e.g. when a running job opens the panel. */
  preserveFocus?: boolean;
}

/** The single "Nano Banana Results" panel: renders the job store and forwards its button presses. */
export class PreviewPanel extends Disposable {
  static readonly viewType = 'nanoBanana.preview';
  private static current: PreviewPanel | undefined;

  /** Reveals the panel, creating it beside the active editor the first time. */
  static show(deps: PreviewPanelDeps, { preserveFocus = false }: ShowPreviewOptions = {}): PreviewPanel {
    if (PreviewPanel.current) {
      PreviewPanel.current.panel.reveal(undefined, preserveFocus);
      return PreviewPanel.current;
    }
    const mediaFolder = vscode.Uri.joinPath(deps.extensionUri, 'media');
    const roots = resourceRoots(mediaFolder);
    const panel = vscode.window.createWebviewPanel(
      PreviewPanel.viewType,
      vscode.l10n.t('Nano Banana Results'),
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus },
      // Retained when hidden: a page rebuilt on reveal depends on VS Code re-attaching its frame, which in a
      // real VS Code sometimes took 20 s after the panel had been behind an editor during a job (issue 16).
      { enableScripts: true, localResourceRoots: roots, retainContextWhenHidden: true },
    );
    PreviewPanel.current = new PreviewPanel(panel, mediaFolder, roots, deps);
    return PreviewPanel.current;
  }

  /**
   * Takes over a panel VS Code restored after a reload. Registering for that is also what activates the
   * extension then, so jobs interrupted by the reload resume without waiting for a command.
   */
  static registerSerializer(deps: PreviewPanelDeps): vscode.Disposable {
    return vscode.window.registerWebviewPanelSerializer(PreviewPanel.viewType, {
      deserializeWebviewPanel: async (panel) => {
        const mediaFolder = vscode.Uri.joinPath(deps.extensionUri, 'media');
        const roots = resourceRoots(mediaFolder);
        // Before the page is written, so setting them reloads nothing.
        panel.webview.options = { enableScripts: true, localResourceRoots: roots };
        PreviewPanel.current?.dispose();
        PreviewPanel.current = new PreviewPanel(panel, mediaFolder, roots, deps);
      },
    });
  }

  /** Messages posted before the script listens are lost, so state waits for its 'ready'. */
  private webviewReady = false;
  private readonly missing: MissingFiles;
  private readonly viewContext: JobViewContext;

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    mediaFolder: vscode.Uri,
    roots: readonly vscode.Uri[],
    private readonly deps: PreviewPanelDeps,
  ) {
    super();
    this.register(panel);
    panel.iconPath = {
      light: vscode.Uri.joinPath(mediaFolder, 'preview-light.svg'),
      dark: vscode.Uri.joinPath(mediaFolder, 'preview-dark.svg'),
    };
    const rootStrings = roots.map((root) => root.toString());
    this.missing = this.register(new MissingFiles(() => deps.store.all()));
    this.viewContext = {
      webviewSrc: (fileUri) => (isBelowRoots(fileUri, rootStrings) ? panel.webview.asWebviewUri(vscode.Uri.parse(fileUri, true)).toString() : undefined),
      missingFiles: this.missing.files,
    };

    this.register(panel.onDidDispose(() => this.dispose()));
    this.register(panel.webview.onDidReceiveMessage((raw: unknown) => this.onMessage(raw)));
    this.register(deps.store.onDidChange((job) => this.onJobChange(job)));
    this.register(this.missing.onDidChange((files) => this.onFilesChange(files)));
    void this.missing.checkAll().catch((error: unknown) => deps.log.error('could not check the results panel\'s files', error));

    panel.webview.html = previewHtml({
      cspSource: panel.webview.cspSource,
      nonce: makeNonce(),
      styleUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(mediaFolder, 'preview.css')).toString(),
      scriptUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(mediaFolder, 'preview.js')).toString(),
    });
  }

  override dispose(): void {
    if (PreviewPanel.current === this) PreviewPanel.current = undefined;
    super.dispose();
  }

  private async onMessage(raw: unknown): Promise<void> {
    const message = parseWebviewMessage(raw);
    if (!message) return;
    if (message.type === 'ready') {
      this.webviewReady = true;
      this.postState();
      return;
    }
    try {
      await runPreviewAction(message, this.deps);
    } catch (error) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Nano Banana: {0}', error instanceof Error ? error.message : String(error)));
    }
  }

  private onJobChange(job: JobRecord): void {
    this.postJob(job);
  }

  private onFilesChange(files: ReadonlySet<string>): void {
    for (const job of this.deps.store.all()) {
      if (job.images.some((image) => files.has(image.uri))) this.postJob(job);
    }
  }

  /**
   * Everything, once the page listens. Built without waiting on anything, so nothing can hold it back or
   * overtake it: the page renders as soon as it asks, however the panel was hidden before.
   */
  private postState(): void {
    const { store } = this.deps;
    const latest = store.latestOfSession();
    const earlier = store.all().filter((job) => job.id !== latest?.id);
    this.post({
      type: 'state',
      latest: latest && toJobView(latest, this.viewContext),
      earlier: earlier.map((job) => toJobView(job, this.viewContext)),
      l10n: vscode.l10n.bundle,
      spent: this.spentText(),
    });
  }

  /** One job's view, also while hidden: the retained page keeps listening. */
  private postJob(job: JobRecord): void {
    if (!this.webviewReady) return;
    this.post({ type: 'job', job: toJobView(job, this.viewContext), latest: this.deps.store.latestOfSession()?.id === job.id, spent: this.spentText() });
  }

  private spentText(): string | undefined {
    const spent = this.deps.prices.spentThisMonth();
    return spent && formatCredits(spent.amount, spent.currency);
  }

  private post(message: HostMessage): void {
    // Not awaited: a page being replaced may never answer, and must not delay the next one.
    this.panel.webview.postMessage(message).then(undefined, (error: unknown) => this.deps.log.error('could not update the results panel', error));
  }
}

/**
 * Set once per panel (see resourceRoots.ts): the workspace folders as they are when it is created, and the
 * extension's media. Folders added later are not followed, as changing them would reload the page.
 */
function resourceRoots(mediaFolder: vscode.Uri): vscode.Uri[] {
  return [mediaFolder, ...(vscode.workspace.workspaceFolders ?? []).map((folder) => folder.uri)];
}
