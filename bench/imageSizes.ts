// Exact sizes (issue 14): a 24-megapixel phone photo prepared for an edit against sending the original,
// and an icon set cut from a 4096² result. Both run the way the extension runs them: the bundled worker
// (dist/imageWorker.js, built here with the production settings) on a thread of this process, so the
// peak memory includes the worker's. Alone: node --import tsx bench/imageSizes.ts
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { writeIco } from '../src/core/icoContainer';
import { allIconSizes, DEFAULT_ICON_SET, iconFilesFrom } from '../src/core/iconSet';
import { ImageWorkers } from '../src/services/imageWorkers';
import { codecsFromNodeModules, grainyPhoto } from '../test/unit/helpers/images';
import { measurePeak } from './peakMemory';
import { table, TARGETS, verdictText, type Verdict } from './report';
import { summarize } from './stats';

const ROOT = join(__dirname, '..');
const RUNS = 5;

interface Run {
  seconds: number;
  peakGrowthBytes: number;
  sentBytes: number;
}

export interface ImageSizesResult {
  photoBytes: number;
  copy: { width: number; height: number };
  prepared: Run[];
  original: Run[];
  icons: Run[];
}

const dataUriBytes = (bytes: Uint8Array) => `data:image/jpeg;base64,${Buffer.from(bytes).toString('base64')}`.length;

async function runs(work: () => Promise<number>): Promise<Run[]> {
  await work(); // warm-up: the bundle and the page cache, as after the first edit of a session
  const measured: Run[] = [];
  for (let run = 0; run < RUNS; run++) {
    const peak = await measurePeak(work);
    measured.push({ seconds: peak.seconds, peakGrowthBytes: peak.peakBytes - peak.baselineBytes, sentBytes: peak.result });
  }
  return measured;
}

export async function measureImageSizes(): Promise<ImageSizesResult> {
  execFileSync(process.execPath, ['esbuild.mjs', '--production'], { cwd: ROOT, stdio: 'ignore' });
  const workers = new ImageWorkers(join(ROOT, 'dist', 'imageWorker.js'));
  const codecs = await codecsFromNodeModules();
  const photo = await grainyPhoto(codecs, 6000, 4000);
  const result4k = await grainyPhoto(codecs, 4096, 4096, 90);
  let copy = { width: 0, height: 0 };
  const prepared = await runs(async () => {
    const made = await workers.run({ op: 'prepareForUpload', bytes: photo });
    copy = { width: made.width, height: made.height };
    return dataUriBytes(made.bytes);
  });
  const original = await runs(async () => dataUriBytes(photo));
  const plan = iconFilesFrom(DEFAULT_ICON_SET);
  if (!('files' in plan)) throw new Error(plan.error);
  const icons = await runs(async () => {
    const cut = await workers.run({ op: 'cutIcons', bytes: result4k, sizes: allIconSizes(plan.files) });
    const ico = writeIco(cut.filter((icon) => icon.size <= 48).reverse());
    return cut.reduce((sum, icon) => sum + icon.png.length, ico.length);
  });
  return { photoBytes: photo.length, copy, prepared, original, icons };
}

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(2)} MB`;

export function imageSizesSection(result: ImageSizesResult): { text: string; verdicts: Verdict[] } {
  const row = (label: string, measured: Run[]) => {
    const time = summarize(measured.map((run) => run.seconds));
    const peak = summarize(measured.map((run) => run.peakGrowthBytes));
    return [label, mb(measured[0].sentBytes), `${time.median.toFixed(3)} s`, `${time.max.toFixed(3)} s`, mb(peak.median), mb(peak.max)];
  };
  const preparedTime = summarize(result.prepared.map((run) => run.seconds)).median;
  const sent = result.prepared[0].sentBytes;
  const iconTime = summarize(result.icons.map((run) => run.seconds)).median;
  const verdicts: Verdict[] = [
    { target: `8. 24-megapixel photo prepared for an edit: ≤ ${TARGETS.preparedSentMB} MB sent`, met: sent <= TARGETS.preparedSentMB * 2 ** 20, detail: `${mb(sent)}: ${verdictText(sent <= TARGETS.preparedSentMB * 2 ** 20, mb(sent - TARGETS.preparedSentMB * 2 ** 20))}` },
    { target: `8. 24-megapixel photo prepared for an edit: ≤ ${TARGETS.preparedSeconds} s (median)`, met: preparedTime <= TARGETS.preparedSeconds, detail: `${preparedTime.toFixed(3)} s: ${verdictText(preparedTime <= TARGETS.preparedSeconds, `${(preparedTime - TARGETS.preparedSeconds).toFixed(3)} s`)}` },
    { target: `8. icon set cut from a 4096² result: ≤ ${TARGETS.iconSetSeconds} s (median)`, met: iconTime <= TARGETS.iconSetSeconds, detail: `${iconTime.toFixed(3)} s: ${verdictText(iconTime <= TARGETS.iconSetSeconds, `${(iconTime - TARGETS.iconSetSeconds).toFixed(3)} s`)}` },
  ];
  const text = [
    '## 8. Exact sizes: an edit\'s photo made to fit, an icon set cut locally',
    '',
    `A 6000×4000 JPEG of ${mb(result.photoBytes)} (grain like a phone photo's, so it compresses like one) is prepared for an edit as the extension does it: `
      + `the worker thread (dist/imageWorker.js: MozJPEG and Lanczos3 in WebAssembly) decodes it, halves it by area averaging, resizes that with Lanczos3 to ${result.copy.width}×${result.copy.height} `
      + '(about 4 megapixels) and encodes a baseline JPEG of quality 85 with 4:2:0 chroma, which is sent as a base64 data URI. Beside it, the original sent as it is (which the service refuses: it is over 10 MB). '
      + 'The icon set is the five default files (favicon.ico with 16, 32 and 48 px, the 32 px favicon, the 180 px touch icon, 192 and 512 px) cut from a 4096×4096 JPEG result. '
      + `Time is from the bytes in memory to the bytes to send or write, worker start and WebAssembly compilation included; ${RUNS} runs after a warm-up. `
      + 'Peak memory is the growth of this process\'s resident set (the worker is a thread of it): the decoded 24 megapixels are held '
      + 'by the decoder\'s WebAssembly memory and once more in JavaScript; all of it is returned when the worker thread ends after the request.',
    '',
    table(['what', 'bytes sent (or written)', 'time, median', 'time, max', 'peak memory growth, median', 'worst run'], [
      row('24 MP photo → smaller copy, then base64', result.prepared),
      row('24 MP photo sent as it is (base64 only)', result.original),
      row('icon set from a 4096² result', result.icons),
    ]),
    '',
    ...verdicts.map((verdict) => `- ${verdict.target}: ${verdict.detail}`),
  ].join('\n');
  return { text, verdicts };
}

if (require.main === module) {
  measureImageSizes()
    .then((result) => process.stdout.write(`${imageSizesSection(result).text}\n`))
    .catch((error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
      process.exit(1);
    });
}
