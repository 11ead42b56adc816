// The numeric `nanoBanana.*` settings and the range each must stay in. A hand-edited settings.json can
// hold anything: a wait limit past setTimeout's 2^31 ms makes every job time out at once, a count of 50
// bills fifty images. package.json declares the same bounds, so the Settings editor shows them.

export interface NumberBounds {
  min: number;
  max: number;
  default: number;
  /** Whole numbers only; a fraction falls back to the default rather than being rounded into a charge. */
  integer?: boolean;
}

export const NUMBER_SETTINGS = {
  count: { min: 1, max: 4, default: 1, integer: true },
  // A day: far beyond any real task, and far below setTimeout's limit of about 24.8 days.
  waitTimeoutMinutes: { min: 1, max: 1440, default: 10 },
  requestTimeoutSeconds: { min: 5, max: 600, default: 60 },
} as const satisfies Record<string, NumberBounds>;

export type NumberSetting = keyof typeof NUMBER_SETTINGS;

export interface BoundedNumber {
  value: number;
  /** What was wrong and what is used instead, for the log; absent when the value was fine. */
  problem?: string;
}

/** `raw` as read from the settings, within `bounds`: clamped when out of range, the default when not a usable number. */
export function boundedNumber(name: string, raw: unknown, bounds: NumberBounds): BoundedNumber {
  const shown = describe(raw);
  if (typeof raw !== 'number' || !Number.isFinite(raw)) {
    return { value: bounds.default, problem: `${name} is ${shown}, not a number: using the default ${bounds.default}.` };
  }
  if (bounds.integer && !Number.isInteger(raw)) {
    return { value: bounds.default, problem: `${name} is ${shown}, not a whole number: using the default ${bounds.default}.` };
  }
  if (raw < bounds.min) return { value: bounds.min, problem: `${name} is ${shown}, below the minimum of ${bounds.min}: using ${bounds.min}.` };
  if (raw > bounds.max) return { value: bounds.max, problem: `${name} is ${shown}, above the maximum of ${bounds.max}: using ${bounds.max}.` };
  return { value: raw };
}

function describe(raw: unknown): string {
  if (typeof raw === 'number') return String(raw);
  const json = JSON.stringify(raw);
  return json === undefined ? String(raw) : json.length > 40 ? `${json.slice(0, 40)}…` : json;
}
