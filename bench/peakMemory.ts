// Peak resident memory of a piece of work in this process: the kernel's high-water mark (VmHWM, reset
// just before the work where Linux allows it) and, as a fallback and a cross-check, RSS sampled
// every 2 ms. A short allocation between two samples can escape sampling but not VmHWM.
import { readFileSync, writeFileSync } from 'node:fs';

export interface PeakMeasurement<T> {
  result: T;
  seconds: number;
  baselineBytes: number;
  peakBytes: number;
  /** Whether the kernel's high-water mark was reset and read, or only sampling was available. */
  peakSource: 'VmHWM' | 'sampled';
}

function highWaterMark(): number | undefined {
  try {
    const kilobytes = /^VmHWM:\s+(\d+)\s+kB/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
    return kilobytes === undefined ? undefined : Number(kilobytes) * 1024;
  } catch {
    return undefined;
  }
}

/** Linux ≥ 4.0: writing 5 to clear_refs resets VmHWM to the current RSS. */
function resetHighWaterMark(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

export async function measurePeak<T>(work: () => Promise<T>): Promise<PeakMeasurement<T>> {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
  const baselineBytes = process.memoryUsage.rss();
  const canReset = resetHighWaterMark();
  let sampled = baselineBytes;
  const sampler = setInterval(() => (sampled = Math.max(sampled, process.memoryUsage.rss())), 2);
  const started = performance.now();
  try {
    const result = await work();
    const seconds = (performance.now() - started) / 1000;
    sampled = Math.max(sampled, process.memoryUsage.rss());
    const kernel = canReset ? highWaterMark() : undefined;
    return {
      result,
      seconds,
      baselineBytes,
      peakBytes: Math.max(sampled, kernel ?? 0),
      peakSource: kernel === undefined ? 'sampled' : 'VmHWM',
    };
  } finally {
    clearInterval(sampler);
  }
}
