// What every front door (each command, the panel's actions and the language-model tools) needs, built once
// in `activate`: the job engine and the services around it. It lives below the front doors so that none
// of them leans on another for it.
import type { JobEngine } from '../jobs/jobEngine';
import type { JobStore } from '../jobs/jobStore';
import type { PendingJobs } from '../jobs/pendingJobs';
import type { MarkdownEditorTracker } from '../markdown/markdownEditorTracker';
import type { JobAction, JobOptions } from '../model/job';
import type { ImageWorkers } from '../services/imageWorkers';
import type { Log } from '../services/log';
import type { PriceBook } from '../services/priceBook';
import type { TokenStore } from '../services/tokenStore';
import type { NotifiedJobs } from './notificationPresenter';

export interface FrontDoorDeps {
  store: JobStore;
  tokens: TokenStore;
  pending: PendingJobs;
  /** The last reported price per image, for every confirmation that bills. */
  prices: PriceBook;
  /** The job engine, for front doors that present jobs their own way (batches, the language-model tools). */
  engine: JobEngine;
  /** Runs image work (cutting, shrinking) on a worker thread. */
  images: ImageWorkers;
  /** The engine shown in notifications, as commands run it. */
  runner: NotifiedJobs;
  log: Log;
  markdownEditors: MarkdownEditorTracker;
  /** This session's last choice per kind of job, so Enter repeats it. */
  lastOptions: Map<JobAction, JobOptions>;
  showPreview(preserveFocus: boolean): void;
}
