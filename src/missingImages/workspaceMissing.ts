// The missing images of every Markdown and HTML file of the workspace: found as VS Code's search finds
// files (files.exclude and search.exclude respected, node_modules left out), read from the open editor
// when there is one (its unsaved text is what the user sees) and from disk otherwise.
import * as vscode from 'vscode';
import { excludeGlob, type ExcludeSetting } from '../core/excludeGlob';
import type { ReferenceLanguage } from '../core/imageReferences';
import { scanForMissing, type FoundReference, type ScanDocument } from '../core/referenceScan';
import { exists } from '../jobs/saveToWorkspace';
import type { MissingImage } from './missingReferences';

const DOCUMENTS = '**/*.{md,markdown,html,htm,MD,MARKDOWN,HTML,HTM}';

export interface WorkspaceMissing {
  missing: MissingImage[];
  /** Other documents naming a file of `missing` (by `Uri.toString()` of the file): they follow a rename too. */
  alsoReferencedBy: Map<string, vscode.Uri[]>;
  outside: MissingImage[];
  /** How many documents were looked at. */
  documents: number;
  unreadable: Array<{ uri: vscode.Uri; reason: string }>;
}

export async function findWorkspaceMissing(): Promise<WorkspaceMissing> {
  const uris = new Map<string, vscode.Uri>();
  const documents: ScanDocument[] = [];
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    // A read-only or virtual folder that cannot be written to cannot receive images either.
    if (vscode.workspace.fs.isWritableFileSystem(folder.uri.scheme) !== true) continue;
    const exclude = excludeGlob(
      vscode.workspace.getConfiguration('files', folder).get<ExcludeSetting>('exclude'),
      vscode.workspace.getConfiguration('search', folder).get<ExcludeSetting>('exclude'),
    );
    for (const uri of await vscode.workspace.findFiles(new vscode.RelativePattern(folder, DOCUMENTS), exclude)) {
      uris.set(uri.path, uri);
      documents.push({ path: uri.path, language: languageOf(uri.path), root: folder.uri.path });
    }
  }
  const open = new Map(vscode.workspace.textDocuments.map((document) => [document.uri.toString(), document]));
  const uriOf = (path: string) => uris.get(path) as vscode.Uri;
  const fileOf = (path: string, file: string) => uriOf(path).with({ path: file, query: '', fragment: '' });
  const result = await scanForMissing(documents, {
    read: async (path) => open.get(uriOf(path).toString())?.getText() ?? new TextDecoder().decode(await vscode.workspace.fs.readFile(uriOf(path))),
    exists: (file, document) => exists(fileOf(document, file)),
  });
  const toMissing = (found: FoundReference): MissingImage => ({
    document: { uri: uriOf(found.document) },
    reference: found.reference,
    file: fileOf(found.document, found.file),
    ...(found.error ? { error: found.error } : {}),
  });
  const alsoReferencedBy = new Map<string, vscode.Uri[]>();
  for (const found of result.alsoReferenced) {
    const key = fileOf(found.document, found.file).toString();
    alsoReferencedBy.set(key, [...(alsoReferencedBy.get(key) ?? []), uriOf(found.document)]);
  }
  return {
    missing: result.missing.map(toMissing),
    alsoReferencedBy,
    outside: result.outside.map(toMissing),
    documents: documents.length,
    unreadable: result.unreadable.map(({ path, reason }) => ({ uri: uriOf(path), reason })),
  };
}

function languageOf(path: string): ReferenceLanguage {
  return /\.html?$/i.test(path) ? 'html' : 'markdown';
}
