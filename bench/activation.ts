// Activation: what loads when the extension activates, and how long require() plus activate() take.
// The bundle is the one `npm run package` ships (production build); the timing runs the recording
// vscode shim in bench/activation-child.cjs, one fresh Node process per sample.
import { execFile } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = join(__dirname, '..');

export interface ActivationResult {
  /** dist/ files that require() + activate() loaded, with their sizes. */
  loaded: Array<{ file: string; bytes: number }>;
  /** dist/api.js: the client with undici and zod, required only when the first job starts. */
  lazyBytes: number;
  /** dist/scanner.js: the image-reference scanner, required on the first code-action request in Markdown or HTML. */
  scannerBytes: number;
  vsixBytes: number;
  requireMs: number[];
  activateMs: number[];
  /** Node built-in modules required while requiring and activating: undici would add net, http, tls… */
  builtins: string[];
  vscodeCalls: string[];
  /** From the real extension host (bench/vscode-activation.ts), when asked for with --vscode. */
  realHost?: { activationMs: number; text: string } | { error: string };
}

interface ChildSample {
  requireMs: number;
  activateMs: number;
  calls: string[];
  builtins: string[];
  loaded: string[];
}

/**
 * One activation in code-server through the e2e harness, under the shared e2e lock when `flock`
 * exists (two VS Code sessions at once make both slow). A failure is reported, not thrown: this row is extra.
 */
export async function measureRealHostActivation(): Promise<NonNullable<ActivationResult['realHost']>> {
  try {
    const { activationMs, text } = JSON.parse(await runInRealVsCode('vscode-activation.ts')) as { activationMs: number; text: string };
    return { activationMs, text };
  } catch (error) {
    return { error: failureOf(error) };
  }
}

/**
 * Runs a bench script that drives the real VS Code of the e2e harness, under the e2e lock so it never
 * shares the two cores with a test run; returns the JSON line it printed last.
 */
export async function runInRealVsCode(script: string): Promise<string> {
  const command = [process.execPath, '--import', 'tsx', join(__dirname, script)];
  const hasFlock = await run('flock', ['--version']).then(() => true, () => false);
  const [file, ...args] = hasFlock ? ['flock', '/tmp/nb-e2e.lock', ...command] : command;
  const { stdout } = await run(file, args, { cwd: ROOT, timeout: 15 * 60_000, maxBuffer: 16 * 1024 * 1024 });
  return stdout.trim().split('\n').pop()!;
}

/** The first line of a failed run's error and the last lines it printed, for the report. */
export function failureOf(error: unknown): string {
  const stderr = (error as { stderr?: string }).stderr ?? '';
  return `${error instanceof Error ? error.message.split('\n')[0] : String(error)} ${stderr.trim().split('\n').slice(-3).join(' ')}`.trim();
}

export async function measureActivation(samples = 15): Promise<ActivationResult> {
  // The same build and package a user installs; also leaves dist/extension.js production-built.
  await run('npm', ['run', 'package'], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 });
  const bundle = join(ROOT, 'dist/extension.js');
  const requireMs: number[] = [];
  const activateMs: number[] = [];
  let last: ChildSample | undefined;
  for (let i = 0; i < samples; i++) {
    const { stdout } = await run(process.execPath, [join(__dirname, 'activation-child.cjs'), bundle], { cwd: ROOT });
    last = JSON.parse(stdout.trim()) as ChildSample;
    requireMs.push(last.requireMs);
    activateMs.push(last.activateMs);
  }
  return {
    loaded: await Promise.all((last?.loaded ?? []).map(async (file) => ({ file, bytes: (await stat(join(ROOT, 'dist', file))).size }))),
    lazyBytes: (await stat(join(ROOT, 'dist/api.js'))).size,
    scannerBytes: (await stat(join(ROOT, 'dist/scanner.js'))).size,
    vsixBytes: (await stat(join(ROOT, 'nano-banana-images.vsix'))).size,
    requireMs,
    activateMs,
    builtins: last?.builtins ?? [],
    vscodeCalls: last?.calls ?? [],
  };
}
