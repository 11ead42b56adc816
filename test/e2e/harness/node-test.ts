// Wires a session into node:test: one session per test file (started in `before`, ended in
// `after`), with a screenshot and the logs kept for every failing test.
import { after, afterEach, before } from 'node:test';
import { saveFailureArtifacts, slug, testFileSlug } from './logs';
import { startSession, type Session, type SessionOptions } from './session';

// Starting the first session may include the one-time code-server install (minutes) and the
// build of the .vsix; later ones take about 20 s on two cores.
const START_TIMEOUT = 15 * 60_000;

/**
 * Call at the top level of a test file; returns a getter for the running session.
 *
 *   const session = useSession({ settings: { 'nanoBanana.askForOptions': false } });
 *   test('generates', async () => { await session().vscode.runCommand('Nano Banana: Generate Image'); });
 *
 * Options that depend on something started first (a server whose address goes into the settings)
 * come from a function, run in the same hook: a `before` hook of the test file's own does not
 * reliably finish before this one starts.
 */
export function useSession(options: SessionOptions | (() => Promise<SessionOptions>) = {}): () => Session {
  let current: Session | undefined;
  const file = testFileSlug();
  before(async () => {
    current = await startSession(typeof options === 'function' ? await options() : options);
  }, { timeout: START_TIMEOUT });
  afterEach(async (t) => {
    // Node 20 sets `passed` on the context given to hooks; its type definitions lack it.
    if (!current || (t as { passed?: boolean }).passed !== false) return;
    const saved = await saveFailureArtifacts(`${file}--${slug(t.name)}`, current.page, current.root);
    process.stderr.write(`[e2e] "${t.name}" failed; kept ${saved.join(', ')}\n`);
  });
  after(async () => {
    await current?.close();
  });
  return () => {
    if (!current) throw new Error('The e2e session is not running (did its start fail?)');
    return current;
  };
}
