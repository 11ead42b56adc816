// Child processes and ports for the harness. Every server runs in its own process group so that
// ending the group also ends the helpers it spawned (code-server forks its extension host and
// file watchers), and every group is ended however this process ends: normally, by a failing
// test, by an uncaught error, or by Ctrl+C.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';

const liveGroups = new Set<number>();
const cleanups = new Set<() => Promise<void>>();
let signalsHooked = false;

/** Runs `cleanup` when the process is interrupted; call the returned function once it is no longer needed. */
export function onInterrupt(cleanup: () => Promise<void>): () => void {
  hookSignals();
  cleanups.add(cleanup);
  return () => cleanups.delete(cleanup);
}

function hookSignals(): void {
  if (signalsHooked) return;
  signalsHooked = true;
  // Last resort for paths that skip the async cleanups (uncaught errors, process.exit).
  process.on('exit', () => {
    for (const pid of liveGroups) signalGroup(pid, 'SIGKILL');
  });
  // Ctrl+C in a terminal ends the test runner at once, and with it the pipes behind our stdout
  // and stderr. Writing there then fails with EPIPE, which must not kill the cleanup below.
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);
  let stopping: Promise<unknown> | undefined;
  const onSignal = (signal: NodeJS.Signals): void => {
    // A terminal's Ctrl+C also reaches the test runner, which then sends its own SIGTERM: later
    // signals wait for the cleanup already running instead of cutting it short.
    if (stopping) return;
    process.stderr.write(`\n[e2e] ${signal}: stopping everything that was started\n`);
    stopping = Promise.all([...cleanups].map((cleanup) => cleanup().catch(() => undefined)));
    void stopping.then(() => process.exit(130));
    // A cleanup that hangs must not keep the terminal waiting.
    setTimeout(() => process.exit(130), 10_000).unref();
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, onSignal);
}

export interface GroupProcess {
  child: ChildProcess;
  pid: number;
  /** Resolves when the process has exited, with its exit code (null when ended by a signal). */
  exited: Promise<number | null>;
  /** Ends the whole process group: SIGTERM, then SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

/** Starts a command as the leader of a new process group, with stdout and stderr appended to `logFile`. */
export function spawnGroup(command: string, args: string[], options: { env: NodeJS.ProcessEnv; cwd?: string; logFile: string }): GroupProcess {
  hookSignals();
  // The child writes straight into the file, so its output survives even if this process dies first.
  const log = openSync(options.logFile, 'a');
  const child = spawn(command, args, { env: options.env, cwd: options.cwd, detached: true, stdio: ['ignore', log, log] });
  closeSync(log);
  if (child.pid === undefined) throw new Error(`Could not start ${command}`);
  const pid = child.pid;
  liveGroups.add(pid);
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => {
      liveGroups.delete(pid);
      resolve(code);
    });
  });
  const stop = async (graceMs = 5000): Promise<void> => {
    if (liveGroups.has(pid)) signalGroup(pid, 'SIGTERM');
    const timer = setTimeout(() => signalGroup(pid, 'SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
    // Helpers that ignored SIGTERM outlive their leader; they share its group id.
    signalGroup(pid, 'SIGKILL');
  };
  return { child, pid, exited, stop };
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is already gone.
  }
}

/** A port that was free a moment ago on 127.0.0.1 (0 asks the system for any). */
export function freePort(preferred = 0): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (preferred !== 0 && error.code === 'EADDRINUSE') resolve(freePort(0));
      else reject(error);
    });
    server.listen(preferred, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Polls `url` until it answers with a 2xx status, failing early if `exited` settles first. */
export async function waitForHttp(url: string, exited: Promise<number | null>, timeoutMs: number, logFile: string): Promise<void> {
  let gone: number | null | undefined;
  void exited.then((code) => (gone = code));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (gone !== undefined) throw new Error(`Process exited (${gone}) before ${url} answered:\n${tail(logFile)}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s:\n${tail(logFile)}`);
}

export function tail(file: string, lines = 30): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}
