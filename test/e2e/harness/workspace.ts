// Fresh workspace folders: a copy of a fixtures folder plus the files a test adds, so no test
// sees what another one generated.
import { cpSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { FIXTURES_DIR } from './paths';

/** Relative path to file content; strings are written as UTF-8. */
export type WorkspaceFiles = Record<string, string | Uint8Array>;

export function createWorkspace(target: string, fixture: string | null, files: WorkspaceFiles = {}): string {
  mkdirSync(target, { recursive: true });
  if (fixture !== null) {
    const source = join(FIXTURES_DIR, fixture);
    if (!existsSync(source)) throw new Error(`No fixtures folder ${source}`);
    cpSync(source, target, { recursive: true });
  }
  for (const [relative, content] of Object.entries(files)) {
    const path = join(target, relative);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  }
  return target;
}
