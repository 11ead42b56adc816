// Polling for what a user would wait for outside the window: a file appearing on disk, a request
// reaching the stand-in. The failure message says what was there instead.

type Falsy = undefined | false;

/** Resolves with the first value of `check` other than undefined/false; fails with `describe()` after `timeout`. */
export async function waitUntil<T>(check: () => T | Falsy | Promise<T | Falsy>, describe: () => string, timeout = 30_000): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() >= deadline) throw new Error(`Waited ${timeout / 1000} s in vain: ${describe()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
