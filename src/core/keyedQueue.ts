// Work that must not overlap for one key (a folder whose free names are claimed, a document being
// edited) runs one at a time, in the order asked; work for different keys runs side by side.
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const result = (this.tails.get(key) ?? Promise.resolve()).then(work, work);
    const settled = result.then(() => undefined, () => undefined);
    this.tails.set(key, settled);
    void settled.then(() => this.tails.get(key) === settled && this.tails.delete(key));
    return result;
  }
}
