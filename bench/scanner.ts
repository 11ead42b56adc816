// 6. The image-reference scanner: findImageReferences on 1 MB of Markdown and of HTML built from
// constructs that never close (what made the old scanner quadratic), and on 1 MB of real READMEs.
// It runs on every code-action request in the extension host, so a slow document stalls the editor.
// Alone: `node --import tsx bench/scanner.ts [--kb 1024] [--runs 7]`.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { findImageReferences, type ReferenceLanguage } from '../src/core/imageReferences';
import { scannerSection } from './report';

export interface ScannerRow {
  label: string;
  bytes: number;
  references: number;
  samplesMs: number[];
}

/** Fills `bytes` with `unit(i)` for i = 0, 1, …; every `every`th unit is followed by `real(i)`. */
function repeatUnits(bytes: number, unit: (i: number) => string, real: (i: number) => string, every: number): string {
  const parts: string[] = [];
  let length = 0;
  for (let i = 0; length < bytes; i++) {
    const part = unit(i) + (i % every === every - 1 ? real(i) : '');
    parts.push(part);
    length += part.length;
  }
  return parts.join('');
}

/**
 * Paragraphs without a blank line, each full of one construct that never closes, with a real image
 * every so often: `![` without `]`, destinations without `)`, backtick runs of ever new lengths,
 * HTML comments and quotes that never end, emphasis delimiters, and images nested a thousand deep.
 */
export function adversarialMarkdown(bytes: number): string {
  const noise: Array<(i: number) => string> = [
    () => '![never closed ',
    () => '![a](never/closed.png(x',
    (i) => `x${'`'.repeat(i + 1)}`,
    () => '<!-- <a title="x <img src="open.png" ',
    () => '*_ [ **a __ ] _* ',
    () => '[![a ',
  ];
  const share = Math.floor(bytes / (noise.length + 1));
  // Each starts with a word: a paragraph opening with `<!--` would be an HTML block to the end.
  const paragraphs = noise.map((unit, n) => `Text ${repeatUnits(share, unit, (i) => `![ok ${n}-${i}](ok-${n}-${i}.png) `, 50)}`);
  const depth = 1000;
  const nested = `${'![n '.repeat(depth)}${'](nested.png)'.repeat(depth)} `;
  paragraphs.push(repeatUnits(share, () => nested, () => '', 1));
  return paragraphs.join('\n\n').slice(0, bytes);
}

/** Images among tags and comments that do close, then half the document of `<img` that never does. */
export function adversarialHtml(bytes: number): string {
  const closing = repeatUnits(
    bytes / 2,
    () => '<p>a <!x> <?y> </ > <a title=\'>\'>b</a> <script>const s = "<img src=\'in-script.png\'>";</script> ',
    (i) => `<img src="ok-${i}.png" alt="a &amp; b" width=640>`,
    5,
  );
  return (closing + '<img src="never.png" alt="x" '.repeat(Math.ceil(bytes / 2 / 28))).slice(0, bytes);
}

/** Every README in node_modules (three folders deep), in path order. */
export function readmeFiles(): string[] {
  const files: string[] = [];
  const walk = (dir: string, depth: number): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (/^readme\.md$/i.test(name)) files.push(path);
      else if (depth < 3 && statSync(path).isDirectory()) walk(path, depth + 1);
    }
  };
  walk(join(__dirname, '..', 'node_modules'), 0);
  return files;
}

/** Real READMEs, one after the other, until `bytes`. */
export function ordinaryMarkdown(bytes: number): string {
  const files = readmeFiles();
  let text = '';
  for (let i = 0; text.length < bytes; i++) text += `${readFileSync(files[i % files.length], 'utf8')}\n\n`;
  return text.slice(0, bytes);
}

/** A warm-up run, then `runs` timed ones; a run over 5 s (the old scanner) is the only sample. */
function time(text: string, language: ReferenceLanguage, runs: number): { references: number; samplesMs: number[] } {
  let references = 0;
  const samplesMs: number[] = [];
  for (let i = 0; i <= runs; i++) {
    const started = performance.now();
    references = findImageReferences(text, language).length;
    const ms = performance.now() - started;
    if (i > 0 || ms > 5000) samplesMs.push(ms);
    if (ms > 5000) break;
  }
  return { references, samplesMs };
}

export function measureScanner(bytes = 2 ** 20, runs = 7): ScannerRow[] {
  const size = bytes >= 2 ** 20 ? `${bytes / 2 ** 20} MB` : `${Math.round(bytes / 1024)} KB`;
  const inputs: Array<[string, string, ReferenceLanguage]> = [
    [`${size} adversarial Markdown`, adversarialMarkdown(bytes), 'markdown'],
    [`${size} adversarial HTML`, adversarialHtml(bytes), 'html'],
    [`${size} ordinary Markdown (READMEs)`, ordinaryMarkdown(bytes), 'markdown'],
  ];
  return inputs.map(([label, text, language]) => ({ label, bytes: text.length, ...time(text, language, runs) }));
}

if (require.main === module) {
  const option = (name: string, fallback: number) => {
    const at = process.argv.indexOf(name);
    return at === -1 ? fallback : Number(process.argv[at + 1]);
  };
  process.stdout.write(`${scannerSection(measureScanner(option('--kb', 1024) * 1024, option('--runs', 7))).text}\n`);
}
