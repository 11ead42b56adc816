// The folders the results panel's page may load images from. VS Code reloads a webview's page whenever
// its options change (flicker, the search box's focus lost, all state sent again), so they are set once
// when the panel is created and never reassigned: the workspace folders and the extension's media.
// A result saved elsewhere (an edited image outside the workspace, a folder added to the workspace
// later) is listed with a note instead of its picture. Kept free of `vscode`, so it can be unit-tested.

/** Whether `fileUri` lies below one of `roots`, all in `Uri.toString()` form, as VS Code's own check compares them. */
export function isBelowRoots(fileUri: string, roots: readonly string[]): boolean {
  return roots.some((root) => fileUri.startsWith(root.endsWith('/') ? root : `${root}/`));
}
