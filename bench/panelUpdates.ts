// Results panel (issue 13): what the extension host does, and sends, when one job changes, with 50 and
// 500 jobs in the history. "Before" is the former update: every saved file looked up again (node:fs
// here for the extension's workspace.fs.stat), then the whole state built and posted. "After" is the
// current one: the one job's view, posted alone. Both build real views with src/preview/jobView.ts.
import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { JobRecord } from '../src/model/job';
import { toJobView, type JobViewContext } from '../src/preview/jobView';
import type { HostMessage } from '../src/preview/protocol';
import { table, verdictText, type Verdict } from './report';
import { summarize } from './stats';

const HISTORY_SIZES = [50, 500];
const UPDATES = 40;
export const PANEL_UPDATE_TARGET_MS = 5;

export interface PanelUpdateRow {
  jobs: number;
  variant: 'before' | 'after';
  ms: number[];
  bytes: number;
}

function jobs(folder: string, count: number): JobRecord[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `job-${i}`,
    action: 'generate',
    prompt: `benchmark prompt number ${i}, a banana in a spacesuit over a pastel city`,
    options: { model: 'nano-banana', aspectRatio: '1:1', resolution: '1K', count: 1 },
    sourceImages: [],
    targetFolder: `file://${folder}`,
    taskId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    stage: 'saved',
    images: [{ uri: `file://${join(folder, `image-${i}.png`)}`, label: `assets/generated/image-${i}.png`, mime: 'image/png', width: 1024, height: 1024, bytes: 1000 }],
    createdAt: 1_700_000_000_000 + i,
    cost: { amount: 2, currency: 'credit' },
  }));
}

const webviewSrc = (uri: string) => `https://file%2B.vscode-resource.vscode-cdn.net${new URL(uri).pathname}`;

async function before(history: JobRecord[]): Promise<HostMessage> {
  const uris = history.flatMap((job) => job.images.map((image) => image.uri));
  const gone = await Promise.all(uris.map((uri) => stat(new URL(uri)).then(() => false, () => true)));
  const context: JobViewContext = { webviewSrc, missingFiles: new Set(uris.filter((_, i) => gone[i])) };
  const [latest, ...earlier] = history;
  return { type: 'state', latest: toJobView(latest, context), earlier: earlier.map((job) => toJobView(job, context)) };
}

function after(job: JobRecord, missingFiles: ReadonlySet<string>): HostMessage {
  return { type: 'job', job: toJobView(job, { webviewSrc, missingFiles }), latest: true };
}

export async function measurePanelUpdates(workDir: string): Promise<PanelUpdateRow[]> {
  const folder = join(workDir, 'panel');
  await mkdir(folder, { recursive: true });
  const rows: PanelUpdateRow[] = [];
  try {
    for (const size of HISTORY_SIZES) {
      const history = jobs(folder, size);
      await Promise.all(history.map((_, i) => writeFile(join(folder, `image-${i}.png`), 'x')));
      const timings = { before: [] as number[], after: [] as number[] };
      const bytes = { before: 0, after: 0 };
      const missing = new Set<string>();
      for (let update = 0; update < UPDATES; update++) {
        const job = history[update % size];
        let started = performance.now();
        bytes.before = Buffer.byteLength(JSON.stringify(await before(history)));
        timings.before.push(performance.now() - started);
        started = performance.now();
        bytes.after = Buffer.byteLength(JSON.stringify(after(job, missing)));
        timings.after.push(performance.now() - started);
      }
      rows.push({ jobs: size, variant: 'before', ms: timings.before, bytes: bytes.before }, { jobs: size, variant: 'after', ms: timings.after, bytes: bytes.after });
    }
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
  return rows;
}

export function panelUpdatesSection(rows: PanelUpdateRow[]): { text: string; verdicts: Verdict[] } {
  const ms = (value: number) => `${value.toFixed(2)} ms`;
  const kb = (value: number) => `${(value / 1024).toFixed(1)} KB`;
  const line = (row: PanelUpdateRow) => {
    const it = summarize(row.ms);
    return [`${row.jobs}`, row.variant === 'before' ? 'before: stat every file, post the whole state' : 'after: post the one job', ms(it.median), ms(it.p95), kb(row.bytes)];
  };
  const largest = rows.find((row) => row.variant === 'after' && row.jobs === Math.max(...HISTORY_SIZES))!;
  const smallest = rows.find((row) => row.variant === 'after' && row.jobs === Math.min(...HISTORY_SIZES))!;
  const median = summarize(largest.ms).median;
  const met = median <= PANEL_UPDATE_TARGET_MS && largest.bytes === smallest.bytes;
  const verdict: Verdict = {
    target: `3b. results panel: one job update with ${largest.jobs} jobs in the history, ≤ ${PANEL_UPDATE_TARGET_MS} ms of host work, bytes independent of the history`,
    met,
    detail: `${ms(median)}, ${kb(largest.bytes)} (${kb(smallest.bytes)} with ${smallest.jobs} jobs): ${verdictText(met, `${ms(median - PANEL_UPDATE_TARGET_MS)} or a message that grows with the history`)}`,
  };
  const text = [
    '## 3b. Results panel: one job update',
    '',
    `${UPDATES} updates per row. Host work: building the message (and, before, looking up every saved file: node:fs.stat here, `
      + "workspace.fs.stat in the extension) and serializing it, which is what VS Code's postMessage carries. The webview now also "
      + 'renders only the changed card (test/unit/previewWebview.test.ts).',
    '',
    table(['jobs in the history', 'update', 'median', 'p95', 'message'], rows.map(line)),
    '',
    `- ${verdict.target}: ${verdict.detail}`,
  ].join('\n');
  return { text, verdicts: [verdict] };
}

