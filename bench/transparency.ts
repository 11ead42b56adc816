// Transparent images (issue 23): the difference matte of the stand-in's subject (known alpha: soft edges,
// glass, a hole, white and black parts, a soft shadow) rendered over white and over black, from PNG and
// from JPEG (quality 85), measured against the truth; beside it, on the same white renders, what keying
// the white out gives. Then the time of the matte of a 2048×2048 pair in the bundled worker, and the
// longest the calling thread's event loop waited meanwhile.
// Alone: node --import tsx bench/transparency.ts
import { execFileSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import type { Codecs } from '../src/core/imaging/codecs';
import { differenceMatte } from '../src/core/imaging/matte';
import type { Raster } from '../src/core/raster';
import { ImageWorkers } from '../src/services/imageWorkers';
import { scoreMatte, subjectOver, subjectTruth, type MatteScore } from '../test/mock-api/subject';
import { codecsFromNodeModules, opaqueRaster } from '../test/unit/helpers/images';
import { summaryTable, table, TARGETS, verdictText, type Verdict } from './report';
import { summarize } from './stats';

const ROOT = join(__dirname, '..');
const QUALITY_SIZE = 1024;
const TIMING_SIZE = 2048;
const RUNS = 7;
const JPEG_QUALITY = 85;

type Format = 'PNG' | 'JPEG';
type Method = 'difference matte' | 'white key' | 'chroma key';

export interface TransparencyResult {
  scores: Array<{ method: Method; format: Format; score: MatteScore }>;
  /** Per format: the whole worker request (start, decode both, matte, encode), in seconds. */
  workerSeconds: Record<Format, number[]>;
  /** Longest event-loop delay of this thread during each worker request, in ms. */
  stallMs: number[];
  /** Where a request's time goes, each step alone in this thread (warm), in seconds. */
  steps: { threadStart: number[]; decode: Record<Format, number[]>; arithmetic: number[]; encode: number[] };
  /** 1-minute load average when the timing started, and the number of cores. */
  load: { average: number; cores: number };
}

/** ImageMagick's `-fuzz 10% -transparent white`: within 10 % of white is transparent, the rest opaque as it is. */
function whiteKey(white: Raster): Uint8Array {
  const out = new Uint8Array(white.data);
  const fuzz = 0.1 * Math.sqrt(3) * 255;
  for (let at = 0; at < out.length; at += 4) {
    const distance = Math.hypot(255 - out[at], 255 - out[at + 1], 255 - out[at + 2]);
    if (distance <= fuzz) out.fill(0, at, at + 4);
    else out[at + 3] = 255;
  }
  return out;
}

/**
 * A soft key against white, as a chroma keyer does it: transparent within 8 % of the key colour, opaque
 * beyond 40 %, a ramp between, and the key colour's spill taken out of the colour.
 */
function chromaKey(white: Raster): Uint8Array {
  const out = new Uint8Array(white.data.length);
  const full = Math.sqrt(3) * 255;
  const [inner, outer] = [0.08 * full, 0.4 * full];
  for (let at = 0; at < out.length; at += 4) {
    const distance = Math.hypot(255 - white.data[at], 255 - white.data[at + 1], 255 - white.data[at + 2]);
    const alpha = Math.min(1, Math.max(0, (distance - inner) / (outer - inner)));
    if (alpha === 0) continue;
    for (let c = 0; c < 3; c++) out[at + c] = Math.min(255, Math.max(0, Math.round((white.data[at + c] - 255 * (1 - alpha)) / alpha)));
    out[at + 3] = Math.round(alpha * 255);
  }
  return out;
}

async function encoded(codecs: Codecs, raster: Raster, format: Format): Promise<Uint8Array> {
  return format === 'PNG' ? codecs.encodePng(raster) : codecs.encodeJpeg(raster, JPEG_QUALITY);
}

async function pairOf(codecs: Codecs, size: number, format: Format): Promise<{ white: Uint8Array; black: Uint8Array }> {
  const white = await encoded(codecs, opaqueRaster(subjectOver([255, 255, 255], size, size)), format);
  return { white, black: await encoded(codecs, opaqueRaster(subjectOver([0, 0, 0], size, size)), format) };
}

export async function measureTransparency(): Promise<TransparencyResult> {
  execFileSync(process.execPath, ['esbuild.mjs', '--production'], { cwd: ROOT, stdio: 'ignore' });
  const workers = new ImageWorkers(join(ROOT, 'dist', 'imageWorker.js'));
  const codecs = await codecsFromNodeModules();
  const truth = subjectTruth(QUALITY_SIZE, QUALITY_SIZE);
  const scores: TransparencyResult['scores'] = [];
  for (const format of ['PNG', 'JPEG'] as const) {
    const pair = await pairOf(codecs, QUALITY_SIZE, format);
    const matte = await workers.run({ op: 'matte', ...pair });
    scores.push({ method: 'difference matte', format, score: scoreMatte((await codecs.decode(matte.png)).data, truth) });
    const white = await codecs.decode(pair.white);
    scores.push({ method: 'white key', format, score: scoreMatte(whiteKey(white), truth) });
    scores.push({ method: 'chroma key', format, score: scoreMatte(chromaKey(white), truth) });
  }

  const pairs = { PNG: await pairOf(codecs, TIMING_SIZE, 'PNG'), JPEG: await pairOf(codecs, TIMING_SIZE, 'JPEG') };
  const white = opaqueRaster(subjectOver([255, 255, 255], TIMING_SIZE, TIMING_SIZE));
  const black = opaqueRaster(subjectOver([0, 0, 0], TIMING_SIZE, TIMING_SIZE));
  const cutOut = differenceMatte(white, black).raster;
  const stallMs: number[] = [];
  const request = (format: Format) => async () => {
    const delay = monitorEventLoopDelay({ resolution: 1 });
    delay.enable();
    await workers.run({ op: 'matte', ...pairs[format] });
    delay.disable();
    stallMs.push(delay.max / 1e6);
  };
  // Each run times every request and step once, in turn, so all of them meet the same load.
  const work = {
    requestPng: request('PNG'),
    requestJpeg: request('JPEG'),
    threadStart: () => new Promise<void>((resolve) => {
      const worker = new Worker('require("node:worker_threads").parentPort.postMessage(0)', { eval: true });
      worker.once('message', () => void worker.terminate().then(() => resolve()));
    }),
    decodePng: async () => void (await Promise.all([codecs.decode(pairs.PNG.white), codecs.decode(pairs.PNG.black)])),
    decodeJpeg: async () => void (await Promise.all([codecs.decode(pairs.JPEG.white), codecs.decode(pairs.JPEG.black)])),
    arithmetic: async () => void differenceMatte(white, black),
    encode: async () => void codecs.encodePng(cutOut, { quick: true }),
  };
  const seconds = Object.fromEntries(Object.keys(work).map((name) => [name, [] as number[]])) as Record<keyof typeof work, number[]>;
  for (const step of Object.values(work)) await step(); // warm-up: the bundle, the page cache, this thread's JIT
  stallMs.length = 0;
  const load = { average: loadavg()[0], cores: cpus().length };
  for (let run = 0; run < RUNS; run++) {
    for (const [name, step] of Object.entries(work) as Array<[keyof typeof work, () => Promise<void>]>) {
      const started = performance.now();
      await step();
      seconds[name].push((performance.now() - started) / 1000);
    }
  }
  return {
    scores,
    workerSeconds: { PNG: seconds.requestPng, JPEG: seconds.requestJpeg },
    stallMs,
    steps: { threadStart: seconds.threadStart, decode: { PNG: seconds.decodePng, JPEG: seconds.decodeJpeg }, arithmetic: seconds.arithmetic, encode: seconds.encode },
    load,
  };
}

const levels = (share: number) => `${(share * 255).toFixed(2)}/255`;
const ms = (seconds: number) => `${(seconds * 1000).toFixed(0)} ms`;

export function transparencySection(result: TransparencyResult): { text: string; verdicts: Verdict[] } {
  const matte = (format: Format) => result.scores.find((row) => row.method === 'difference matte' && row.format === format)!.score;
  const verdicts: Verdict[] = [];
  for (const format of ['PNG', 'JPEG'] as const) {
    const score = matte(format);
    const limit = format === 'PNG' ? TARGETS.matteAlphaErrorPng : TARGETS.matteAlphaErrorJpeg;
    const glassOff = Math.abs(score.parts.glass.mean - 0.5);
    const opaque = Math.min(score.parts.white.min, score.parts.black.min);
    verdicts.push(
      { target: `9. matte from ${format}: mean \\|α − true α\\| ≤ ${limit}/255`, met: score.alphaError * 255 <= limit, detail: `${levels(score.alphaError)}: ${verdictText(score.alphaError * 255 <= limit, levels(score.alphaError - limit / 255))}` },
      { target: `9. matte from ${format}: half-transparent part 0.5 ± ${TARGETS.matteGlassTolerance}`, met: glassOff <= TARGETS.matteGlassTolerance, detail: `${score.parts.glass.mean.toFixed(3)}: ${verdictText(glassOff <= TARGETS.matteGlassTolerance, (glassOff - TARGETS.matteGlassTolerance).toFixed(3))}` },
      { target: `9. matte from ${format}: white and black parts opaque (α ≥ ${TARGETS.matteOpaqueParts} everywhere)`, met: opaque >= TARGETS.matteOpaqueParts, detail: `least ${opaque.toFixed(3)}: ${verdictText(opaque >= TARGETS.matteOpaqueParts, (TARGETS.matteOpaqueParts - opaque).toFixed(3))}` },
    );
  }
  const slowest = Math.max(...(['PNG', 'JPEG'] as const).map((format) => summarize(result.workerSeconds[format]).median));
  verdicts.push({ target: `9. matte of a ${TIMING_SIZE}² pair in the worker ≤ ${TARGETS.matteSeconds * 1000} ms (median, slower format)`, met: slowest <= TARGETS.matteSeconds, detail: `${ms(slowest)}: ${verdictText(slowest <= TARGETS.matteSeconds, ms(slowest - TARGETS.matteSeconds))}` });

  const label: Record<Method, string> = {
    'difference matte': '**difference matte** (this extension)',
    'white key': 'white key, hard (`-fuzz 10% -transparent white`)',
    'chroma key': 'chroma key against white, soft (8–40 %, spill removed)',
  };
  const qualityRows = result.scores.map(({ method, format, score }) => [
    label[method], format, levels(score.alphaError), score.parts.glass.mean.toFixed(3), score.parts.white.min.toFixed(3), score.parts.black.min.toFixed(3),
    score.parts.hole.max.toFixed(3), score.colourError.toFixed(1),
  ]);
  const timeRow = (label: string, seconds: number[]) => {
    const stats = summarize(seconds);
    return [label, ms(stats.median), ms(stats.p95), ms(stats.max)];
  };
  const stall = summarize(result.stallMs);
  const text = [
    '## 9. Transparent images: the difference matte',
    '',
    `The stand-in's subject of known alpha (test/mock-api/subject.ts: soft edges, a glass part of alpha 128/255, a hole, pure white and pure black parts, a soft shadow) at ${QUALITY_SIZE}×${QUALITY_SIZE}, `
      + `rendered over white and over black exactly, then encoded as PNG or as JPEG of quality ${JPEG_QUALITY} (MozJPEG, both renders). The matte is the worker's (dist/imageWorker.js, op \`matte\`); `
      + 'the keys are applied to the same decoded white render. The alpha error is over the subject (every pixel where the true or the measured alpha is above 0); '
      + 'each part is measured well inside it (its edges excluded); the colour error is per channel where the true alpha is at least a half.',
    '',
    table(['method', 'renders', 'mean \\|α − true α\\|', 'glass α (true 0.502)', 'white part, least α', 'black part, least α', 'hole, most α', 'colour error (levels)'], qualityRows),
    '',
    `Time of the matte of a ${TIMING_SIZE}×${TIMING_SIZE} pair: the whole worker request as the extension makes it (thread start, WebAssembly compilation, decoding both renders, the matte, `
      + `the RGBA PNG encoded), ${RUNS} runs per format after a warm-up; the stall is the longest this thread's event loop waited for a turn during a request (perf_hooks.monitorEventLoopDelay).`,
    '',
    table(['what', 'median', 'p95', 'max'], [
      timeRow(`worker request, PNG renders (${TIMING_SIZE}²)`, result.workerSeconds.PNG),
      timeRow(`worker request, JPEG renders (${TIMING_SIZE}²)`, result.workerSeconds.JPEG),
      ['longest event-loop stall of the calling thread', `${stall.median.toFixed(1)} ms`, `${stall.p95.toFixed(1)} ms`, `${stall.max.toFixed(1)} ms`],
    ]),
    '',
    `Where the time goes: each step alone, in this thread, warm (a request's worker runs them cold, once), timed in turn with the requests above so that all meet the same load. `
      + `The 1-minute load average was ${result.load.average.toFixed(2)} on ${result.load.cores} cores when the timing started.`,
    '',
    table(['step', 'median', 'p95', 'max'], [
      timeRow('a worker thread started and ended (nothing loaded)', result.steps.threadStart),
      timeRow('decoding both PNG renders (pngjs)', result.steps.decode.PNG),
      timeRow('decoding both JPEG renders (MozJPEG)', result.steps.decode.JPEG),
      timeRow('the matte arithmetic (α, colour, disagreement)', result.steps.arithmetic),
      timeRow('encoding the RGBA cut-out as PNG (pngjs, Sub filter, zlib level 6)', result.steps.encode),
    ]),
    '',
    ...verdicts.map((verdict) => `- ${verdict.target}: ${verdict.detail}`),
    ...(verdicts.at(-1)!.met ? [] : [`- Why: the matte itself takes ${ms(summarize(result.steps.arithmetic).median)}; a request is mostly decoding the two renders, encoding the cut-out `
      + 'and starting the worker thread with its codecs, and this machine was shared (load average above).']),
  ].join('\n');
  return { text, verdicts };
}

if (require.main === module) {
  measureTransparency()
    .then((result) => {
      const { text, verdicts } = transparencySection(result);
      process.stdout.write(`${text}\n\n${summaryTable(verdicts)}\n`);
    })
    .catch((error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
      process.exit(1);
    });
}
