// Script of the preview webview (bundled to media/preview.js). It only renders what the host posts
// and reports button presses; all file and editor work happens in the extension host.
import type { HostMessage, JobView, WebviewMessage } from '../preview/protocol';
import { renderState } from './render';

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const app = document.getElementById('app');
const post = (message: WebviewMessage) => vscode.postMessage(message);

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const jobs = stateJobs(event.data);
  if (app && jobs) app.replaceChildren(...renderState(jobs, post));
});

post({ type: 'ready' });

function stateJobs(data: unknown): JobView[] | undefined {
  const message = data as Partial<HostMessage> | null;
  return message?.type === 'state' && Array.isArray(message.jobs) ? message.jobs : undefined;
}
