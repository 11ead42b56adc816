// Where generated images go: a folder inside the workspace folder, never outside it, because a
// workspace's settings must not be able to make the extension write elsewhere on the machine.
import { posix } from 'node:path';
import { t } from './l10n';

/**
 * Resolves `nanoBanana.outputDirectory` against a workspace folder's `Uri.path`.
 * Returns the folder's path, or an error message when it would leave the workspace folder.
 */
export function resolveOutputPath(workspacePath: string, setting: string): { path: string } | { error: string } {
  let relative = setting.trim().replace(/\\/g, '/') || '.';
  // A Windows drive path is absolute too; `Uri.path` spells it `/c:/...`.
  if (/^[a-z]:\//i.test(relative)) relative = `/${relative}`;
  const path = posix.resolve(workspacePath, relative);
  if (!isInsideFolder(workspacePath, path)) {
    return { error: t('The "nanoBanana.outputDirectory" setting ("{0}") points outside the workspace folder; use a path inside it, such as "assets/generated".', setting) };
  }
  return { path };
}

/** Whether the absolute POSIX `path` is `folder` itself or lies below it (`/ws-other` is not below `/ws`). */
export function isInsideFolder(folder: string, path: string): boolean {
  const root = posix.resolve(folder);
  const resolved = posix.resolve(path);
  return resolved === root || resolved.startsWith(root.endsWith('/') ? root : `${root}/`);
}
