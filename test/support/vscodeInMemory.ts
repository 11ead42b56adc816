// The few parts of the `vscode` module the job engine reaches before it saves a file (settings,
// translation, events, the log channel, URIs), in memory, so the engine itself can run in Node against
// the stand-in. Only for tests of the engine's own decisions; everything a user sees is tested in the
// real VS Code (test/e2e).
import Module from 'node:module';

/** User settings by section and key, as `inspect().globalValue` and `get()` read them. */
export const userSettings: Record<string, Record<string, unknown>> = { nanoBanana: {}, http: {} };

export class EventEmitter<T> {
  private listeners: Array<(value: T) => void> = [];
  readonly event = (listener: (value: T) => void) => {
    this.listeners.push(listener);
    return { dispose: () => void (this.listeners = this.listeners.filter((other) => other !== listener)) };
  };
  fire(value: T): void {
    for (const listener of this.listeners) listener(value);
  }
  dispose(): void {
    this.listeners = [];
  }
}

export class Uri {
  private constructor(private readonly value: string) {}
  static parse(value: string): Uri {
    return new Uri(value);
  }
  static file(path: string): Uri {
    return new Uri(`file://${path}`);
  }
  get path(): string {
    return new URL(this.value).pathname;
  }
  toString(): string {
    return this.value;
  }
}

export const l10n = {
  bundle: undefined,
  t: (message: string, ...args: unknown[]) => message.replace(/\{(\d+)\}/g, (_, index: string) => String(args[Number(index)])),
};

export const workspace = {
  getConfiguration: (section: string) => {
    const values = userSettings[section] ?? {};
    return {
      get: <T>(key: string, fallback: T): T => (key in values ? (values[key] as T) : fallback),
      inspect: (key: string) => ({ key, globalValue: values[key] }),
    };
  },
  // No folder is open: targets are where the test put them.
  getWorkspaceFolder: () => undefined,
};

/** Lines the engine logged, by level. */
export const logged: string[] = [];

export const window = {
  createOutputChannel: () => ({
    info: (line: string) => logged.push(`info ${line}`),
    warn: (line: string) => logged.push(`warn ${line}`),
    error: (line: string) => logged.push(`error ${line}`),
    show: () => undefined,
    dispose: () => undefined,
  }),
};

/** Makes `import 'vscode'` resolve to this module, for the modules loaded after the call. */
export function useInMemoryVscode(): void {
  const modules = Module as unknown as { _resolveFilename(request: string, ...rest: unknown[]): string };
  const resolve = modules._resolveFilename;
  modules._resolveFilename = function (request: string, ...rest: unknown[]) {
    return request === 'vscode' ? __filename : resolve.call(this, request, ...rest);
  };
}
