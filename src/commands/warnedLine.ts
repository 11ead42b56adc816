// The summaries of missing-image runs say how many images came with a warning, without listing each.
import * as vscode from 'vscode';

export function warnedLine(count: number): string {
  return vscode.l10n.t('{0} were saved with a warning (enlarged to their exact size from a smaller result, or not cut to it); the Output lists them.', count);
}
