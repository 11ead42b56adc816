import { posix } from 'node:path';
import * as vscode from 'vscode';
import { markdownImageLink, relativeLinkPath } from '../core/markdownLink';

/**
 * A Markdown image link to `image`, relative to `document`'s folder. Without a saved document on the
 * image's file system (none, or untitled) the path is relative to the image's workspace folder.
 */
export function markdownLinkFor(document: vscode.TextDocument | undefined, image: vscode.Uri, alt: string): string {
  return markdownImageLink(alt, linkTarget(document, image));
}

function linkTarget(document: vscode.TextDocument | undefined, image: vscode.Uri): string {
  if (document && sameFileSystem(document.uri, image)) {
    return relativeLinkPath(posix.dirname(document.uri.path), image.path);
  }
  const folder = vscode.workspace.getWorkspaceFolder(image);
  // Outside every workspace folder there is nothing to be relative to; the absolute path at least names the file.
  return folder ? relativeLinkPath(folder.uri.path, image.path) : image.path;
}

/** An untitled document has no folder; one on another scheme or host cannot reach the image by a path. */
function sameFileSystem(documentUri: vscode.Uri, image: vscode.Uri): boolean {
  return documentUri.scheme === image.scheme && documentUri.authority === image.authority;
}
