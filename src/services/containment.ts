// Every read and write of a workspace file goes through here first: the target, followed through links,
// must lie inside its workspace folder's real location. A link that leads out is refused, naming it, so a
// cloned repository cannot make the extension write outside the workspace or upload a file from elsewhere.
import { realpath } from 'node:fs/promises';
import * as vscode from 'vscode';
import { linkLeadingOut } from '../core/linkContainment';

export class LinkOutsideError extends Error {
  constructor(readonly link: vscode.Uri) {
    super(vscode.l10n.t('"{0}" is a link that leads out of the workspace folder; nothing is read or written through it.', vscode.workspace.asRelativePath(link, false)));
    this.name = 'LinkOutsideError';
  }
}

/**
 * Throws LinkOutsideError when `target` (a file or a folder, existing or not) reaches outside its workspace
 * folder through a link. A target outside every workspace folder by its path was chosen by the user (a
 * folder picked with no workspace open): there is no folder to keep it in.
 */
export async function assertInsideWorkspace(target: vscode.Uri): Promise<void> {
  const folder = vscode.workspace.getWorkspaceFolder(target);
  if (!folder) return;
  const link = target.scheme === 'file' ? await fileLinkOut(folder.uri, target) : await anyLink(folder.uri, target);
  if (link) throw new LinkOutsideError(link);
}

async function fileLinkOut(root: vscode.Uri, target: vscode.Uri): Promise<vscode.Uri | undefined> {
  const real = (path: string) => realpath(path).catch(() => undefined);
  const link = await linkLeadingOut(root.fsPath, target.fsPath, real);
  return link === undefined ? undefined : vscode.Uri.file(link);
}

/** Where a link leads cannot be resolved on another file system: any link on the way is refused. */
async function anyLink(root: vscode.Uri, target: vscode.Uri): Promise<vscode.Uri | undefined> {
  const segments = target.path.slice(root.path.length).split('/').filter(Boolean);
  let current = root;
  for (const segment of segments) {
    current = vscode.Uri.joinPath(current, segment);
    const stat = await Promise.resolve(vscode.workspace.fs.stat(current)).catch(() => undefined);
    if (!stat) return undefined;
    if (stat.type & vscode.FileType.SymbolicLink) return current;
  }
  return undefined;
}
