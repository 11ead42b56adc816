// The quick fix on an image reference whose local file does not exist, offered from the lightbulb
// and Ctrl+. wherever the cursor touches the reference (or, for `![alt][label]`, its definition's target).
import * as vscode from 'vscode';
import { referencesOf } from '../markdown/documentReferences';
import { missingImages } from './missingReferences';

/** Run by the quick fix with the reference it was offered on; not in the palette. */
export const GENERATE_MISSING_IMAGE_COMMAND = 'nanoBanana.generateMissingImage';

/** What the code action hands over: the document and the reference's decoded path, found again on run. */
export interface MissingImageArgs {
  document: string;
  path: string;
}

/** The file a job of this window is making under its referenced name, if any (the job engine knows). */
export type BeingMade = (file: vscode.Uri) => unknown;

export class MissingImageActions implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  static register(beingMade: BeingMade): vscode.Disposable {
    const selector: vscode.DocumentSelector = [{ language: 'markdown' }, { language: 'html' }];
    return vscode.languages.registerCodeActionsProvider(selector, new MissingImageActions(beingMade), MissingImageActions.metadata);
  }

  private constructor(private readonly beingMade: BeingMade) {}

  async provideCodeActions(document: vscode.TextDocument, range: vscode.Range, context: vscode.CodeActionContext): Promise<vscode.CodeAction[]> {
    if (context.only && !context.only.contains(vscode.CodeActionKind.QuickFix)) return [];
    const from = document.offsetAt(range.start);
    const to = document.offsetAt(range.end);
    const touches = (start: number, end: number) => start <= to && from <= end;
    const here = referencesOf(document).filter((reference) => touches(reference.start, reference.end) || touches(reference.targetStart, reference.targetEnd));
    if (here.length === 0) return [];
    return (await missingImages(document, here)).map(({ reference, file }) => {
      // A second click while the image is made would pay for it twice: the fix says it is under way instead.
      if (this.beingMade(file)) return underWay(file);
      const action = new vscode.CodeAction(vscode.l10n.t('Generate Missing Image with Nano Banana'), vscode.CodeActionKind.QuickFix);
      const args: MissingImageArgs = { document: document.uri.toString(), path: reference.path };
      action.command = { command: GENERATE_MISSING_IMAGE_COMMAND, title: action.title, arguments: [args] };
      action.isPreferred = true;
      return action;
    });
  }
}

function underWay(file: vscode.Uri): vscode.CodeAction {
  const title = vscode.l10n.t('Nano Banana is generating {0}: Show Results', vscode.workspace.asRelativePath(file, false));
  const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
  action.command = { command: 'nanoBanana.showPreview', title };
  return action;
}
