import * as vscode from 'vscode';
import type { JobRecord } from '../model/job';

/**
 * `Uri.toString()` of the saved files of `jobs` that no longer exist, so the panel can say so instead of
 * showing a broken image. Asked of `workspace.fs` each time, since files may be deleted at any moment.
 */
export async function missingFiles(jobs: readonly JobRecord[]): Promise<Set<string>> {
  const uris = [...new Set(jobs.flatMap((job) => job.images.map((image) => image.uri)))];
  const gone = await Promise.all(
    uris.map((uri) => vscode.workspace.fs.stat(vscode.Uri.parse(uri, true)).then(() => false, () => true)),
  );
  return new Set(uris.filter((_, index) => gone[index]));
}
