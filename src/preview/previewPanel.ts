import * as vscode from 'vscode';
import type { JobStore } from '../jobs/jobStore';
import type { MarkdownEditorTracker } from '../markdown/markdownEditorTracker';
import type { Log } from '../services/log';
import { makeNonce } from './csp';
import { Disposable } from './disposable';
import { toJobView, type JobViewContext } from './jobView';
import { missingFiles } from './missingFiles';
import { runPreviewAction, type PreviewActions } from './previewActions';
import { previewHtml } from './previewHtml';
import { parseWebviewMessage, type HostMessage } from './protocol';

export type { PreviewActions } from './previewActions';

export interface PreviewPanelDeps {
  extensionUri: vscode.Uri;
  store: JobStore;
  actions: PreviewActions;
  markdownEditors: MarkdownEditorTracker;
  log: Log;
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
    const panel = vscode.window.createWebviewPanel(
      PreviewPanel.viewType,
      vscode.l10n.t('Nano Banana Results'),
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus },
      // Not retained when hidden: the page is cheap to rebuild and re-asks for state with 'ready'.
      { enableScripts: true, localResourceRoots: [mediaFolder], retainContextWhenHidden: false },
    );
    PreviewPanel.current = new PreviewPanel(panel, mediaFolder, deps);
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
        panel.webview.options = { enableScripts: true, localResourceRoots: [mediaFolder] };
        PreviewPanel.current?.dispose();
        PreviewPanel.current = new PreviewPanel(panel, mediaFolder, deps);
      },
    });
  }

  /** Messages posted before the script listens are lost, so state waits for its 'ready'. */
  private webviewReady = false;
  /** `Uri.toString()` of every folder the webview may load images from, the media folder included. */
  private readonly resourceFolders = new Set<string>();
  private posting = false;
  private postAgain = false;

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    mediaFolder: vscode.Uri,
    private readonly deps: PreviewPanelDeps,
  ) {
    super();
    this.register(panel);
    panel.iconPath = {
      light: vscode.Uri.joinPath(mediaFolder, 'preview-light.svg'),
      dark: vscode.Uri.joinPath(mediaFolder, 'preview-dark.svg'),
    };
    this.resourceFolders.add(mediaFolder.toString());
    this.allowResultFolders();

    this.register(panel.onDidDispose(() => this.dispose()));
    // A hidden webview is torn down; it says 'ready' again when shown.
    this.register(
      panel.onDidChangeViewState(() => {
        if (!panel.visible) this.webviewReady = false;
      }),
    );
    this.register(panel.webview.onDidReceiveMessage((raw: unknown) => this.onMessage(raw)));
    this.register(deps.store.onDidChange(() => this.onStoreChange()));

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
      void this.postState();
      return;
    }
    try {
      await runPreviewAction(message, this.deps);
    } catch (error) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Nano Banana: {0}', error instanceof Error ? error.message : String(error)));
    }
  }

  private onStoreChange(): void {
    this.allowResultFolders();
    if (this.webviewReady) void this.postState();
  }

  /** Results land in folders chosen per job; the webview may only load from folders it was told about. */
  private allowResultFolders(): void {
    const before = this.resourceFolders.size;
    for (const job of this.deps.store.all()) {
      for (const image of job.images) {
        this.resourceFolders.add(vscode.Uri.joinPath(vscode.Uri.parse(image.uri, true), '..').toString());
      }
    }
    if (this.resourceFolders.size === before) return;
    this.panel.webview.options = {
      ...this.panel.webview.options,
      localResourceRoots: [...this.resourceFolders].map((folder) => vscode.Uri.parse(folder, true)),
    };
  }

  /**
   * Building the state awaits file checks, so a newer state could overtake an older one: posts run one at
   * a time, and changes during a post are folded into one more post.
   */
  private async postState(): Promise<void> {
    if (this.posting) {
      this.postAgain = true;
      return;
    }
    this.posting = true;
    try {
      do {
        this.postAgain = false;
        await this.postStateNow();
      } while (this.postAgain && this.webviewReady && !this.isDisposed);
    } catch (error) {
      this.deps.log.error('could not update the results panel', error);
    } finally {
      this.posting = false;
    }
  }

  private async postStateNow(): Promise<void> {
    const { webview } = this.panel;
    const { store } = this.deps;
    const jobs = store.all();
    const latest = store.latestOfSession();
    const earlier = jobs.filter((job) => job.id !== latest?.id);
    const context: JobViewContext = {
      webviewSrc: (fileUri) => webview.asWebviewUri(vscode.Uri.parse(fileUri, true)).toString(),
      missingFiles: await missingFiles(jobs),
    };
    if (this.isDisposed) return;
    const message: HostMessage = {
      type: 'state',
      latest: latest && toJobView(latest, context),
      earlier: earlier.map((job) => toJobView(job, context)),
      l10n: vscode.l10n.bundle,
    };
    await webview.postMessage(message);
  }
}
