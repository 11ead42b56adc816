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
  constructor(
    private readonly state: vscode.Memento,
    private readonly log: Log,
  ) {}

  /** The stored jobs, newest first; entries that do not parse are left out. */
  load(): JobRecord[] {
    return historyRules().parseJobHistory(this.state.get<unknown>(KEY));
  }

  /**
   * Adds or updates a finished job. A failed write is logged, not thrown: the job itself has already
   * finished, and the panel still shows it for this session.
   */
  async record(job: JobRecord): Promise<void> {
    try {
      await this.state.update(KEY, historyRules().withJobRecorded(this.load(), structuredClone(job)));
    } catch (error) {
      this.log.error(`could not record job ${job.id} in the workspace history`, error);
    }
  }
}
