// Locations in the repository that the harness reads from or writes to.
import { join, resolve } from 'node:path';

export const REPO_ROOT = resolve(__dirname, '..', '..', '..');
/** Screenshots and logs of failed tests (gitignored). */
export const ARTIFACTS_DIR = join(REPO_ROOT, '.e2e-artifacts');
/** Folders copied into each session's fresh workspace. */
export const FIXTURES_DIR = join(REPO_ROOT, 'test', 'e2e', 'fixtures');
