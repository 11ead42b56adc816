// A real forward proxy for the proxy tests: Debian's tinyproxy on a free loopback port, in the
// foreground with a generated config, logging every request line it forwards. Installed by
// `npm run test:setup` (test/e2e/harness/install.ts).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const TINYPROXY_PATH = '/usr/bin/tinyproxy';

/** For `test(name, { skip }, …)`: why the proxy tests cannot run here; on CI a missing proxy fails instead. */
export const tinyproxyMissing = existsSync(TINYPROXY_PATH) || process.env.CI ? false : `no tinyproxy at ${TINYPROXY_PATH} (run npm run test:setup)`;

export interface Tinyproxy {
  /** `http://127.0.0.1:<port>`. */
  url: string;
  port: number;
  /** The request lines it received, e.g. `POST http://127.0.0.1:4000/nano-banana/images HTTP/1.1`. */
  requests(): Promise<string[]>;
  /** Its whole log, for failure messages. */
  log(): Promise<string>;
  /** Ends it and removes its folder. */
  stop(): Promise<void>;
}

export interface TinyproxyOptions {
  /** Default: a free one. Given, e.g. to bring a stopped proxy back where the settings point. */
  port?: number;
  /** Credentials it demands (407 without them). */
  basicAuth?: { user: string; password: string };
}

export async function startTinyproxy(options: TinyproxyOptions = {}): Promise<Tinyproxy> {
  const dir = await mkdtemp(join(tmpdir(), 'nano-banana-tinyproxy-'));
  const logFile = join(dir, 'tinyproxy.log');
  const port = options.port ?? (await freePort());
  const config = join(dir, 'tinyproxy.conf');
  const auth = options.basicAuth ? [`BasicAuth ${options.basicAuth.user} ${options.basicAuth.password}`] : [];
  // No ConnectPort line: tunnels to any port are allowed, as the stand-in's ports are random.
  const lines = [`Port ${port}`, 'Listen 127.0.0.1', 'Allow 127.0.0.1', `LogFile "${logFile}"`, 'LogLevel Connect', 'Timeout 60', 'MaxClients 50', ...auth];
  await writeFile(config, `${lines.join('\n')}\n`);
  const child = spawn(TINYPROXY_PATH, ['-d', '-c', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // A test process that dies must not leave the proxy running.
  const killOnExit = (): void => void child.kill('SIGKILL');
  process.once('exit', killOnExit);

  const stop = async (): Promise<void> => {
    process.off('exit', killOnExit);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
    await rm(dir, { recursive: true, force: true });
  };
  const readLog = async (): Promise<string> => readFile(logFile, 'utf8').catch(() => '');

  try {
    await waitForPort(port, exited, 10_000);
  } catch (error) {
    const log = await readLog();
    await stop();
    throw new Error(`tinyproxy did not start: ${(error as Error).message}\n${stderr}${log}`);
  }
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests: async () => [...(await readLog()).matchAll(/Request \(file descriptor \d+\): (.+)$/gm)].map((match) => match[1]!.trim()),
    log: readLog,
    stop,
  };
}

/** A loopback port that nothing listens on (free a moment ago): for a proxy that is down. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, exited: Promise<void>, limitMs: number): Promise<void> {
  let gone = false;
  void exited.then(() => (gone = true));
  const end = Date.now() + limitMs;
  while (Date.now() < end) {
    if (gone) throw new Error('it exited');
    if (await accepts(port)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`nothing listened on port ${port} after ${limitMs} ms`);
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
