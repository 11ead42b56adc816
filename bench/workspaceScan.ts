// Missing images across a workspace (issue 15): the time to scan 500 Markdown and HTML documents for
// references to files that do not exist, and the longest the event loop was held meanwhile (the scan runs
// in the extension host, which must stay responsive). The scan is the extension's own
// (src/core/referenceScan.ts) with node:fs in place of workspace.fs; listing the files is VS Code's
// findFiles (ripgrep, in another process) and is not part of it.
// Alone: node --import tsx bench/workspaceScan.ts
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { scanForMissing, type ScanDocument } from '../src/core/referenceScan';
import { table, TARGETS, verdictText, type Verdict } from './report';
import { summarize } from './stats';

const DOCUMENTS = 500;
const FOLDERS = 25;
const RUNS = 10;

export interface WorkspaceScanResult {
  documents: number;
  bytes: number;
  references: number;
  missing: number;
  seconds: number[];
  /** Longest event-loop delay seen during each run, in ms. */
  stallMs: number[];
}

/** A page of prose with six images in the forms people write, one of them inside a code block. */
function page(folder: number, index: number, html: boolean): string {
  const image = (n: number) => `../img/f${folder}-p${index}-${n}.png`;
  const prose = 'A paragraph about bananas in space, long enough to look like a real page of documentation. '.repeat(6);
  if (html) {
    return `<!doctype html><html><body><h1>Page ${index}</h1>\n${[0, 1, 2, 3, 4, 5].map((n) => `<p>${prose}</p>\n<img src="${image(n)}" alt="figure ${n}" width="640" height="360">`).join('\n')}\n</body></html>\n`;
  }
  return [
    `# Page ${index}`,
    prose,
    `![a banana astronaut](${image(0)})`,
    prose,
    `![with a title](<${image(1)}> "Title")`,
    `![reference style][fig2]`,
    prose,
    `<img src="${image(3)}" alt="inline html">`,
    '```md',
    `![not a reference, it is code](${image(4)})`,
    '```',
    `![last](${image(5)})`,
    '',
    `[fig2]: ${image(2)}`,
    '',
  ].join('\n\n');
}

async function makeWorkspace(root: string): Promise<ScanDocument[]> {
  const documents: ScanDocument[] = [];
  for (let folder = 0; folder < FOLDERS; folder++) {
    await mkdir(join(root, `f${folder}`, 'docs'), { recursive: true });
    await mkdir(join(root, `f${folder}`, 'img'), { recursive: true });
  }
  await Promise.all(Array.from({ length: DOCUMENTS }, async (_, i) => {
    const folder = i % FOLDERS;
    const html = i % 5 === 0;
    const path = join(root, `f${folder}`, 'docs', `page-${i}.${html ? 'html' : 'md'}`);
    await writeFile(path, page(folder, i, html));
    // Half of the images exist already.
    await Promise.all([0, 2, 4].map((n) => writeFile(join(root, `f${folder}`, 'img', `f${folder}-p${i}-${n}.png`), 'x')));
    documents.push({ path, language: html ? 'html' : 'markdown', root });
  }));
  return documents;
}

export async function measureWorkspaceScan(workDir: string): Promise<WorkspaceScanResult> {
  const root = join(workDir, 'workspace-scan');
  await rm(root, { recursive: true, force: true });
  try {
    const documents = await makeWorkspace(root);
    const io = { read: (path: string) => readFile(path, 'utf8'), exists: (path: string) => stat(path).then(() => true, () => false) };
    const bytes = (await Promise.all(documents.map((document) => stat(document.path)))).reduce((sum, s) => sum + s.size, 0);
    const seconds: number[] = [];
    const stallMs: number[] = [];
    let last = await scanForMissing(documents, io); // warm-up: module code compiled, files in the page cache
    for (let run = 0; run < RUNS; run++) {
      const delay = monitorEventLoopDelay({ resolution: 1 });
      delay.enable();
      const started = performance.now();
      last = await scanForMissing(documents, io);
      seconds.push((performance.now() - started) / 1000);
      delay.disable();
      stallMs.push(delay.max / 1e6);
    }
    const references = last.missing.length + last.alsoReferenced.length + last.outside.length;
    return { documents: documents.length, bytes, references, missing: last.missing.length, seconds, stallMs };
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

export function workspaceScanSection(result: WorkspaceScanResult): { text: string; verdicts: Verdict[] } {
  const time = summarize(result.seconds);
  const stall = summarize(result.stallMs);
  const target = TARGETS.workspaceScanS;
  const met = time.max <= target;
  const verdict: Verdict = {
    target: `7. missing images in the workspace: scan of ${result.documents} documents ≤ ${target} s (slowest run)`,
    met,
    detail: `${time.max.toFixed(3)} s: ${verdictText(met, `${(time.max - target).toFixed(3)} s`)}`,
  };
  const text = [
    '## 7. Missing images in the workspace: scan time',
    '',
    `${result.documents} documents (one in five HTML, the others Markdown; ${(result.bytes / 1024).toFixed(0)} KB in all) in ${FOLDERS} folders, `
      + `six image references each in the usual forms (inline, with a title, reference-style, \`<img>\`, one inside a code block that is not a reference); `
      + `three of the six files each page names exist, so ${result.missing} referenced files are missing. Each run reads every document, finds its references, resolves them and `
      + `looks up each referenced file once, with the extension's scan (src/core/referenceScan.ts) on node:fs instead of workspace.fs. `
      + `Listing the files (VS Code's findFiles, ripgrep in another process) is not included. ${RUNS} runs after a warm-up; `
      + 'the stall is the longest the event loop waited for a turn during a run (perf_hooks.monitorEventLoopDelay).',
    '',
    table(['what', 'median', 'p95', 'max'], [
      ['scan time', `${time.median.toFixed(3)} s`, `${time.p95.toFixed(3)} s`, `${time.max.toFixed(3)} s`],
      ['longest event-loop stall', `${stall.median.toFixed(1)} ms`, `${stall.p95.toFixed(1)} ms`, `${stall.max.toFixed(1)} ms`],
    ]),
    '',
    `- ${verdict.target}: ${verdict.detail}`,
  ].join('\n');
  return { text, verdicts: [verdict] };
}

if (require.main === module) {
  measureWorkspaceScan(join(__dirname, 'tmp', 'alone'))
    .then((result) => process.stdout.write(`${workspaceScanSection(result).text}\n`))
    .catch((error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
      process.exit(1);
    });
}
