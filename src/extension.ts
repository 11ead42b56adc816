// Wires the extension together: the services, the job engine, the preview panel and one command per action.
import * as vscode from 'vscode';
import { clearApiToken, setApiToken } from './commands/apiToken';
import { checkPendingTasks, resumeInterruptedJobs } from './commands/checkPendingTasks';
import { editImage } from './commands/editImage';
import { generateMissingImage } from './commands/generateMissingImage';
import { generateMissingImages } from './commands/generateMissingImages';
import { generateMissingInWorkspace } from './commands/generateMissingInWorkspace';
import { generateIconSet } from './commands/generateIconSet';
import { generateAgain } from './commands/generateAgain';
import { generateImage } from './commands/generateImage';
import { insertImage, insertLinkIntoLastMarkdown } from './commands/insertImage';
import { keepVariation } from './commands/keepVariation';
import { showPrompt } from './commands/showPrompt';
import { JobHistory } from './jobs/jobHistory';
import { useL10nBundle } from './core/l10n';
import { JobEngine } from './jobs/jobEngine';
import { JobStore } from './jobs/jobStore';
import type { JobCompletions } from './jobs/jobSpec';
import { PendingJobs } from './jobs/pendingJobs';
import { insertJobLinks } from './markdown/jobLinks';
import { MarkdownEditorTracker } from './markdown/markdownEditorTracker';
import { relinkJob } from './missingImages/generateMissing';
import { GENERATE_MISSING_IMAGE_COMMAND, MissingImageActions } from './missingImages/missingImageActions';
import type { FrontDoorDeps } from './presenters/frontDoorDeps';
import { NotifiedJobs } from './presenters/notificationPresenter';
import { PreviewPanel, type PreviewActions, type PreviewPanelDeps } from './preview/previewPanel';
import { ApiSession } from './services/apiSession';
import { ImageWorkers } from './services/imageWorkers';
import { Log } from './services/log';
import { PriceBook } from './services/priceBook';
import { logSettingProblemsTo } from './services/settings';
import { TokenStore } from './services/tokenStore';
import { registerTools } from './tools/registerTools';

export function activate(context: vscode.ExtensionContext): void {
  // Messages from src/api and src/core are translated from the same bundle as vscode.l10n.t's.
  useL10nBundle(vscode.l10n.bundle);
  const log = new Log();
  logSettingProblemsTo(log);
  const store = new JobStore(new JobHistory(context.workspaceState, log));
  const tokens = new TokenStore(context.secrets);
  const session = new ApiSession(log);
  const markdownEditors = new MarkdownEditorTracker();
  const pending = new PendingJobs(context.workspaceState);
  const prices = new PriceBook(context.globalState, context.workspaceState);

  const actions: PreviewActions = {
    insertLink: (image, alt) => insertLinkIntoLastMarkdown(deps, image, alt),
    editImage: async (image) => void (await editImage(deps, image)),
    keepVariation: (job, imageIndex) => keepVariation(deps, job, imageIndex),
    generateAgain: (job) => generateAgain(deps, job),
  };
  const panelDeps: PreviewPanelDeps = { extensionUri: context.extensionUri, store, actions, markdownEditors, log, prices };
  const showPreview = (preserveFocus: boolean) => void PreviewPanel.show(panelDeps, { preserveFocus });
  // Started per request from dist/, so the codecs never load at activation.
  const images = new ImageWorkers(context.asAbsolutePath('dist/imageWorker.js'));
  // What the engine runs once a job's images are saved, done by the floors that edit documents.
  const completions: JobCompletions = {
    insertLinks: (job, insertion) => insertJobLinks(job, insertion, log),
    relink: (job, referencedFile) => relinkJob(job, referencedFile, log),
  };
  const engine = new JobEngine({ store, session, pending, log, prices, images, completions, reveal: () => showPreview(true) });
  // Disposed in this order on deactivation: the engine first, so a job still waiting or downloading then
  // stays pending for the next window (neither cancelled nor failed) while the session it uses closes;
  // the log last, so everything can still say how it ended.
  context.subscriptions.push(engine, session, store, markdownEditors, log);
  const deps: FrontDoorDeps = {
    store,
    tokens,
    pending,
    prices,
    log,
    markdownEditors,
    engine,
    images,
    runner: new NotifiedJobs(engine, log, showPreview),
    lastOptions: new Map(),
    showPreview,
  };
  context.subscriptions.push(PreviewPanel.registerSerializer(panelDeps), MissingImageActions.register((file) => engine.making(file)), ...registerTools(deps));

  const commands: Record<string, (...args: unknown[]) => unknown> = {
    'nanoBanana.generateImage': (folder) => generateImage(deps, folder),
    'nanoBanana.editImage': (clicked, selection) => editImage(deps, clicked, selection),
    'nanoBanana.generateIconSet': (folder) => generateIconSet(deps, folder),
    'nanoBanana.showPrompt': (clicked) => showPrompt(deps, clicked),
    'nanoBanana.insertImage': () => insertImage(deps),
    'nanoBanana.setApiToken': () => setApiToken(deps),
    'nanoBanana.clearApiToken': () => clearApiToken(deps),
    'nanoBanana.showPreview': () => showPreview(false),
    'nanoBanana.resumeTasks': () => checkPendingTasks(deps),
    'nanoBanana.generateMissingImages': (resource) => generateMissingImages(deps, resource),
    'nanoBanana.generateMissingImagesInWorkspace': () => generateMissingInWorkspace(deps),
    // Run by the quick fix with the reference it was offered on; not in the palette.
    [GENERATE_MISSING_IMAGE_COMMAND]: (args) => generateMissingImage(deps, args),
  };
  for (const [id, handler] of Object.entries(commands)) {
    context.subscriptions.push(vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      try {
        await handler(...args);
      } catch (error) {
        log.error(`${id} failed`, error);
        void vscode.window.showErrorMessage(vscode.l10n.t('Nano Banana: {0}', error instanceof Error ? error.message : String(error)));
      }
    }));
  }
  resumeInterruptedJobs(deps).catch((error: unknown) => log.error('unfinished jobs could not be resumed', error));
}

export function deactivate(): void {}
