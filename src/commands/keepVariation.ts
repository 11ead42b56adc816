// "Keep this one" on one of a job's variations in the results panel: the others go to the trash (the
// undo), the links the job made lead to the kept image only, and the history remembers which one it was.
import { posix } from 'node:path';
import * as vscode from 'vscode';
import { exists } from '../jobs/saveToWorkspace';
import { unlinkImages } from '../markdown/unlinkImages';
import { relinkReferences } from '../missingImages/relinkReferences';
import type { JobRecord, SavedImage } from '../model/job';
import type { FrontDoorDeps } from '../presenters/frontDoorDeps';

export async function keepVariation(deps: FrontDoorDeps, job: JobRecord, index: number): Promise<void> {
  const chosen = job.images[index];
  if (!chosen || job.images.length < 2 || job.kept !== undefined) return;
  const others = job.images.filter((_, i) => i !== index).map((image) => vscode.Uri.parse(image.uri, true));
  const trash = await moveToTrash(deps, others);
  const deleted = trash.failed.length > 0 ? await deletePermanently(trash.failed) : [];
  const leftOnDisk = trash.failed.filter((file) => !deleted.includes(file));

  let kept = chosen;
  if (job.linkedFrom?.kind === 'inserted') await unlinkImages(job.linkedFrom.document, others);
  if (job.linkedFrom?.kind === 'reference' && index !== 0) kept = await takeReferencedName(deps, job, chosen, job.linkedFrom.document);
  deps.store.upsert({ ...job, kept: index, images: job.images.map((image, i) => (i === index ? kept : image)) });

  const name = kept.label;
  if (leftOnDisk.length > 0) {
    const names = leftOnDisk.map((file) => vscode.workspace.asRelativePath(file, false)).join(', ');
    void vscode.window.showWarningMessage(vscode.l10n.t('Nano Banana: kept {0}. {1} could not be moved to the trash and stay on disk.', name, names));
  } else if (deleted.length > 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Nano Banana: kept {0}; the other variations were deleted.', name));
  } else {
    void vscode.window.showInformationMessage(vscode.l10n.t('Nano Banana: kept {0}; the other variations are in the trash, where they can be restored.', name));
  }
}

/** Moves each file to the trash; one already deleted by hand is passed over. Returns those still there. */
async function moveToTrash(deps: FrontDoorDeps, files: vscode.Uri[]): Promise<{ failed: vscode.Uri[] }> {
  const failed: vscode.Uri[] = [];
  for (const file of files) {
    if (!(await exists(file))) continue;
    try {
      await vscode.workspace.fs.delete(file, { useTrash: true });
    } catch (error) {
      // Remote and browser workspaces have no trash: their file system refuses.
      deps.log.warn(`${file.toString(true)} could not be moved to the trash: ${(error as Error).message}`);
      if (await exists(file)) failed.push(file);
    }
  }
  return { failed };
}

/** Asks before deleting what the trash could not take, since nothing would bring it back. Returns what was deleted. */
async function deletePermanently(files: vscode.Uri[]): Promise<vscode.Uri[]> {
  const names = files.map((file) => vscode.workspace.asRelativePath(file, false));
  const remove = vscode.l10n.t('Delete Permanently');
  const answer = await vscode.window.showWarningMessage(
    vscode.l10n.t('Nano Banana: the other variations cannot be moved to the trash here (a remote or browser workspace has none). Delete them permanently?'),
    { modal: true, detail: names.join('\n') },
    remove,
  );
  if (answer !== remove) return [];
  const deleted: vscode.Uri[] = [];
  for (const file of files) {
    await vscode.workspace.fs.delete(file, { useTrash: false }).then(() => deleted.push(file), () => undefined);
  }
  return deleted;
}

/**
 * The reference the job filled names its first image: the kept one takes that name once the first is gone,
 * so the reference needs no change. If the name is still taken, the reference is pointed at the kept file.
 */
async function takeReferencedName(deps: FrontDoorDeps, job: JobRecord, chosen: SavedImage, document: string): Promise<SavedImage> {
  const referenced = vscode.Uri.parse(job.images[0].uri, true);
  const keptFile = vscode.Uri.parse(chosen.uri, true);
  if (!(await exists(referenced))) {
    try {
      await vscode.workspace.fs.rename(keptFile, referenced, { overwrite: false });
      return { ...chosen, uri: referenced.toString(), label: vscode.workspace.asRelativePath(referenced, false) };
    } catch (error) {
      deps.log.warn(`${chosen.label} could not take the referenced name ${job.images[0].label}: ${(error as Error).message}`);
    }
  }
  const folder = referenced.with({ path: posix.dirname(referenced.path) });
  await relinkReferences({ document, fileName: posix.basename(referenced.path) }, folder, keptFile);
  return chosen;
}
