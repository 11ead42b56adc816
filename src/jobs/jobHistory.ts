// Every finished job of this workspace, kept in its workspace state so the results panel can show
// earlier sessions' results and generate them again after a reload.
import type * as vscode from 'vscode';
import type { Log } from '../services/log';
import type { JobRecord } from '../model/job';

const KEY = 'nanoBanana.jobHistory';

type HistoryRules = typeof import('../core/historyRules');
let rules: HistoryRules | undefined;
/** Its zod schemas cost several milliseconds to build: activation does not pay for them, the first read does. */
const historyRules = (): HistoryRules => (rules ??= require('../core/historyRules') as HistoryRules);

export class JobHistory {
  /** Said once per window: every job finished after a downgrade would repeat it. */
  private toldNewerVersion = false;

  constructor(
    private readonly state: vscode.Memento,
    private readonly log: Log,
  ) {}

  /** The stored jobs, newest first, of whichever release stored them; entries that do not parse are left out. */
  load(): JobRecord[] {
    return historyRules().parseJobHistory(this.state.get<unknown>(KEY));
  }

  /**
   * Adds or updates a finished job. A failed write is logged, not thrown: the job itself has already
   * finished, and the panel still shows it for this session.
   */
  async record(job: JobRecord): Promise<void> {
    try {
      const recorded = historyRules().recordInHistory(this.state.get<unknown>(KEY), structuredClone(job));
      if ('store' in recorded) return await this.state.update(KEY, recorded.store);
      if (this.toldNewerVersion) return;
      this.toldNewerVersion = true;
      this.log.warn(
        `the workspace's job history was written by a newer release of this extension (history version ${recorded.newerVersion}); ` +
          `it is left as it is, so jobs finished in this release are not kept after a reload: update the extension to keep them`,
      );
    } catch (error) {
      this.log.error(`could not record job ${job.id} in the workspace history`, error);
    }
  }
}
