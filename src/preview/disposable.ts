import * as vscode from 'vscode';

/** Owns listeners and resources and releases them together; registering after disposal releases at once. */
export abstract class Disposable implements vscode.Disposable {
  private disposed = false;
  private readonly owned: vscode.Disposable[] = [];

  protected get isDisposed(): boolean {
    return this.disposed;
  }

  protected register<T extends vscode.Disposable>(resource: T): T {
    if (this.disposed) resource.dispose();
    else this.owned.push(resource);
    return resource;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    // Last registered first, as later resources may depend on earlier ones.
    for (const resource of this.owned.splice(0).reverse()) resource.dispose();
  }
}
