// Plain-fetch helpers for the stand-in's own tests. They deliberately do not use the extension's
// client: the stand-in is checked against the contract, not against the code it will test.
import type { MockApi } from './types';

export interface CallResult {
  status: number;
  headers: Headers;
  text: string;
  /** Parsed body, or undefined when it was not JSON. */
  json: any;
}

export async function call(mock: MockApi, path: 'images' | 'tasks', body: unknown, token: string | null = mock.token): Promise<CallResult> {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  if (token !== null) headers.authorization = `Bearer ${token}`;
  const response = await fetch(`${mock.url}/nano-banana/${path}`, {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export async function waitFor(check: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

/** Polls `retrieve` until the record has `finished_at`; returns the final record and every snapshot seen. */
export async function pollUntilFinished(mock: MockApi, id: string, intervalMs = 20, timeoutMs = 5000): Promise<{ record: any; snapshots: any[] }> {
  const snapshots: any[] = [];
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const { json } = await call(mock, 'tasks', { action: 'retrieve', id });
    snapshots.push(json);
    if (json.finished_at !== undefined) return { record: json, snapshots };
    await sleep(intervalMs);
  }
  throw new Error(`task ${id} did not finish within ${timeoutMs} ms`);
}

export async function download(url: string): Promise<{ status: number; headers: Headers; bytes: Buffer }> {
  const response = await fetch(url);
  return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
}

/** Width and height straight from the IHDR bytes, independent of the stand-in's decoder. */
export function pngSize(bytes: Buffer): { width: number; height: number } {
  if (bytes.toString('latin1', 12, 16) !== 'IHDR') throw new Error('not a PNG with IHDR first');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}
