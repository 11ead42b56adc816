// Script of the preview webview (bundled to media/preview.js). It only renders what the host posts
// and reports button presses; all file and editor work happens in the extension host.
import type { HostMessage, JobView, WebviewMessage } from '../preview/protocol';
import { useL10nBundle } from '../core/l10n';
import { PreviewLayout } from './gallery';

interface SavedState {
  query?: unknown;
}

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): SavedState | undefined;
  setState(state: SavedState): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const app = document.getElementById('app');
const post = (message: WebviewMessage) => vscode.postMessage(message);

if (app) {
  const saved = vscode.getState()?.query;
  // Built on the first state, which carries the translations its fixed labels need.
  let layout: PreviewLayout | undefined;
  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    const message = hostMessage(event.data);
    if (message?.type === 'state') {
      if (!layout) {
        useL10nBundle(message.l10n);
        layout = new PreviewLayout(app, post, {
          initialQuery: typeof saved === 'string' ? saved : '',
          onQueryChange: (query) => vscode.setState({ query }),
        });
      }
      layout.show(message);
    } else if (message?.type === 'job') {
      // The host sends the whole state first; an update before it has nothing to update.
      layout?.update(message);
    }
  });
}

post({ type: 'ready' });

/** Only the host posts here, but a shape check keeps a stray message from breaking the page. */
function hostMessage(data: unknown): HostMessage | undefined {
  const message = data as { type?: unknown; job?: JobView; latest?: unknown; earlier?: unknown; l10n?: unknown; spent?: unknown } | null;
  const spent = typeof message?.spent === 'string' ? message.spent : undefined;
  if (message?.type === 'job') {
    return typeof message.job === 'object' && message.job !== null ? { type: 'job', job: message.job, latest: message.latest === true, spent } : undefined;
  }
  if (message?.type !== 'state' || !Array.isArray(message.earlier)) return undefined;
  const latest = typeof message.latest === 'object' && message.latest !== null ? (message.latest as JobView) : undefined;
  const l10n = isStringRecord(message.l10n) ? message.l10n : undefined;
  return { type: 'state', latest, earlier: message.earlier, l10n, spent };
}

function isStringRecord(value: unknown): value is Record<string, string> {
  return typeof value === 'object' && value !== null && Object.values(value).every((entry) => typeof entry === 'string');
}
