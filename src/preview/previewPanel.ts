import * as vscode from 'vscode';
import { makeNonce } from '../core/csp';
import type { JobStore } from '../jobs/jobStore';
import type { MarkdownEditorTracker } from '../markdown/markdownEditorTracker';
import { Disposable } from './disposable';
import { toJobView } from './jobView';
import { runPreviewAction, type PreviewActions } from './previewActions';
import { previewHtml } from './previewHtml';
import { parseWebviewMessage, type HostMessage } from './protocol';

export type { PreviewActions } from './previewActions';

export interface PreviewPanelDeps {
  extensionUri: vscode.Uri;
  store: JobStore;
  actions: PreviewActions;
  markdownEditors: MarkdownEditorTracker;
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
      'Nano Banana Results',
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
      void vscode.window.showErrorMessage(`Nano Banana: ${error instanceof Error ? error.message : String(error)}`);
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

  private postState(): Thenable<boolean> {
    const { webview } = this.panel;
    const webviewSrc = (fileUri: string) => webview.asWebviewUri(vscode.Uri.parse(fileUri, true)).toString();
    const message: HostMessage = { type: 'state', jobs: this.deps.store.all().map((job) => toJobView(job, webviewSrc)) };
    return webview.postMessage(message);
  }
}
