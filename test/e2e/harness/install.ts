// Installs the real VS Code used by the end-to-end tests (code-server from the npm registry) into a
// cache outside the repository, once per machine. See /work/shared/real-vscode.md for why each
// environment tweak below is needed. The first install takes a few minutes (native modules compile).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const CODE_SERVER_VERSION = '4.100.3';
export const CHROMIUM_PATH = '/usr/bin/chromium';

// Headers the native modules of code-server compile against, ripgrep for the seeded binary,
// chromium for the window, and the forward proxy of the proxy tests (test/support/tinyproxy.ts):
// its binary alone, as the `tinyproxy` package would also start a system-wide proxy.
const APT_PACKAGES = ['libkrb5-dev', 'libx11-dev', 'libxkbfile-dev', 'libsecret-1-dev', 'pkg-config', 'ripgrep', 'chromium', 'tinyproxy-bin'];

// @vscode/ripgrep downloads its binary from GitHub at install time, which is unreachable here; it
// first looks for this archive in its cache folder under TMPDIR.
const RIPGREP_CACHE = 'vscode-ripgrep-cache-1.15.11';
const RIPGREP_TARGETS: Record<string, string> = {
  x64: 'x86_64-unknown-linux-musl',
  arm64: 'aarch64-unknown-linux-musl',
};

const log = (line: string): void => void process.stderr.write(`[e2e install] ${line}\n`);

export function cacheRoot(): string {
  return join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'nano-banana-e2e');
}

/** Installs code-server if needed and returns the path of its entry script (run it with node). */
export async function ensureCodeServer(): Promise<string> {
  ensureSystemPackages();
  const prefix = join(cacheRoot(), `code-server-${CODE_SERVER_VERSION}`);
  const entry = join(prefix, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  const marker = join(prefix, '.installed');
  if (existsSync(marker)) return entry;

  const release = await acquireLock(`${prefix}.lock`);
  try {
    // Another run may have finished the install while this one waited for the lock.
    if (existsSync(marker)) return entry;
    // No marker means a previous attempt died half way; npm would happily keep its leftovers.
    rmSync(prefix, { recursive: true, force: true });
    mkdirSync(prefix, { recursive: true });
    seedRipgrep();
    log(`installing code-server@${CODE_SERVER_VERSION} into ${prefix} (first run only, a few minutes)`);
    const started = Date.now();
    await runNpmInstall(prefix);
    if (!existsSync(entry)) throw new Error(`code-server installed, but ${entry} is missing`);
    writeFileSync(marker, `${new Date().toISOString()}\n`);
    log(`code-server installed in ${Math.round((Date.now() - started) / 1000)} s`);
    return entry;
  } finally {
    release();
  }
}

function ensureSystemPackages(): void {
  const missing = APT_PACKAGES.filter((pkg) => !isDebInstalled(pkg));
  if (missing.length === 0) return;
  const isRoot = process.getuid?.() === 0;
  if (!isRoot) {
    throw new Error(
      `The end-to-end tests need these system packages: ${missing.join(' ')}.\n` +
        `Install them with: sudo apt-get update && sudo apt-get install -y ${missing.join(' ')}`,
    );
  }
  log(`installing system packages: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update'], ['install', '-y', '--no-install-recommends', ...missing]]) {
    const result = spawnSync('apt-get', args, { stdio: ['ignore', 'inherit', 'inherit'], env });
    if (result.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
  }
}

function isDebInstalled(pkg: string): boolean {
  const result = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
  // Without dpkg (not Debian) fall back to the one runtime file the harness needs from the package.
  if (result.error) return pkg !== 'chromium' || existsSync(CHROMIUM_PATH);
  return result.status === 0 && result.stdout.includes('install ok installed');
}

function seedRipgrep(): void {
  const target = RIPGREP_TARGETS[process.arch];
  if (!target) throw new Error(`No ripgrep archive name known for architecture ${process.arch}`);
  const dir = join(tmpdir(), RIPGREP_CACHE);
  const archive = join(dir, `ripgrep-v13.0.0-10-${target}.tar.gz`);
  if (existsSync(archive)) return;
  mkdirSync(dir, { recursive: true });
  const result = spawnSync('tar', ['-czf', archive, '-C', '/usr/bin', 'rg'], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`Could not pack /usr/bin/rg into ${archive}`);
}

function runNpmInstall(prefix: string): Promise<void> {
  const env = {
    ...process.env,
    // code-server's postinstall refuses to run as root unless told; npm 11 no longer passes it.
    npm_config_unsafe_perm: 'true',
    // A nested `npx node-gyp` would otherwise wait for a confirmation nobody can type.
    npm_config_yes: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
  };
  const args = ['install', '--prefix', prefix, '--no-save', '--loglevel=warn', `code-server@${CODE_SERVER_VERSION}`];
  return new Promise((resolve, reject) => {
    const child = spawn('npm', args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const tail: string[] = [];
    const relay = (chunk: Buffer): void => {
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        tail.push(line);
        if (tail.length > 40) tail.shift();
        log(`npm: ${line}`);
      }
    };
    child.stdout.on('data', relay);
    child.stderr.on('data', relay);
    const started = Date.now();
    // npm is silent for minutes while native modules compile; show that it is still alive.
    const heartbeat = setInterval(() => log(`still installing (${Math.round((Date.now() - started) / 1000)} s)`), 30_000);
    child.on('error', (error) => {
      clearInterval(heartbeat);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearInterval(heartbeat);
      if (code === 0) resolve();
      else reject(new Error(`npm ${args.join(' ')} failed (${code ?? signal}):\n${tail.join('\n')}`));
    });
  });
}

// A lock file keeps a parallel demo and test run from installing into the same folder at once.
async function acquireLock(lockFile: string): Promise<() => void> {
  mkdirSync(dirname(lockFile), { recursive: true });
  for (let waited = 0; ; waited += 2) {
    try {
      writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
      return () => rmSync(lockFile, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    if (isStale(lockFile)) {
      rmSync(lockFile, { force: true });
      continue;
    }
    if (waited % 30 === 0) log(`waiting for another install to finish (${lockFile})`);
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
}

function isStale(lockFile: string): boolean {
  let pid: number;
  try {
    pid = Number(readFileSync(lockFile, 'utf8'));
  } catch {
    return false; // removed meanwhile: the next attempt takes it
  }
  // An empty file is a lock whose owner is still writing its pid.
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch {
    return true;
  }
}
