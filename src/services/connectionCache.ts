// Which connection a job uses: the one opened for the current settings and token, shared by every job
// (one poller batching all their lookups), and a replaced one closed once its last job is done with it.
// Free of vscode, so it is tested in Node; the HTTP stack it holds is loaded by the session's `open`.
import { ApiError } from '../api/errors';

interface Closable {
  close(): Promise<void>;
}

/** A connection in use; `release` when the job is done with it. */
export interface Lease<T> {
  readonly connection: T;
  release(): void;
}

interface Entry<T> {
  key: string;
  connection: T;
  users: number;
  retired: boolean;
}

export class ConnectionCache<T extends Closable> {
  private current: Entry<T> | undefined;
  /** Replaced connections that jobs still use. */
  private readonly retired = new Set<Entry<T>>();
  /** Acquisitions run one at a time: two jobs starting together would otherwise both open a connection. */
  private queue: Promise<unknown> = Promise.resolve();
  private disposed = false;

  /** `closeFailed`: a connection that could not be closed cleanly; there is no job left to tell. */
  constructor(private readonly closeFailed: (error: unknown) => void) {}

  /**
   * The connection for `key`: the current one when it was opened for the same key, else a new one from
   * `open`, which replaces it. When `open` fails, the current connection stays the current one.
   */
  acquire(key: string, open: () => Promise<T>): Promise<Lease<T>> {
    const leased = this.queue.then(() => this.leaseFor(key, open));
    this.queue = leased.catch(() => undefined);
    return leased;
  }

  /** Closes every connection, in use or not; later acquisitions fail as closed. */
  async dispose(): Promise<void> {
    this.disposed = true;
    const all = [...this.retired, ...(this.current ? [this.current] : [])];
    this.retired.clear();
    this.current = undefined;
    await Promise.all(all.map((entry) => this.close(entry.connection)));
  }

  private async leaseFor(key: string, open: () => Promise<T>): Promise<Lease<T>> {
    if (this.disposed) throw new ApiError({ code: 'closed' });
    if (this.current?.key !== key) {
      const connection = await open();
      // Disposed while opening: nobody would ever close it.
      if (this.disposed) {
        await this.close(connection);
        throw new ApiError({ code: 'closed' });
      }
      const previous = this.current;
      this.current = { key, connection, users: 0, retired: false };
      if (previous) this.retire(previous);
    }
    return this.lease(this.current);
  }

  private lease(entry: Entry<T>): Lease<T> {
    entry.users++;
    let released = false;
    return {
      connection: entry.connection,
      release: () => {
        if (released) return;
        released = true;
        entry.users--;
        if (entry.retired && entry.users === 0) void this.closeRetired(entry);
      },
    };
  }

  private retire(entry: Entry<T>): void {
    entry.retired = true;
    if (entry.users === 0) void this.close(entry.connection);
    else this.retired.add(entry);
  }

  private closeRetired(entry: Entry<T>): Promise<void> {
    // Already closed by dispose when it is no longer listed.
    return this.retired.delete(entry) ? this.close(entry.connection) : Promise.resolve();
  }

  private async close(connection: T): Promise<void> {
    try {
      await connection.close();
    } catch (error) {
      this.closeFailed(error);
    }
  }
}
