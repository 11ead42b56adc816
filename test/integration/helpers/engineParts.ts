// The real engine and the services around it, loaded once the in-memory `vscode` module is in place
// (test/support/vscodeInMemory.ts), and the workspace state VS Code would keep for them.

export async function loadEngineParts() {
  return {
    engine: await import('../../../src/jobs/jobEngine'),
    session: await import('../../../src/services/apiSession'),
    store: await import('../../../src/jobs/jobStore'),
    pending: await import('../../../src/jobs/pendingJobs'),
    log: await import('../../../src/services/log'),
    workers: await import('../../../src/services/imageWorkers'),
  };
}

export type EngineParts = Awaited<ReturnType<typeof loadEngineParts>>;

/** The workspace state VS Code keeps for the extension, as a Memento. */
export function memento() {
  const values = new Map<string, unknown>();
  return { get: <T>(key: string, fallback?: T) => (values.has(key) ? structuredClone(values.get(key)) : fallback) as T, update: async (key: string, value: unknown) => void values.set(key, value), keys: () => [...values.keys()] };
}
