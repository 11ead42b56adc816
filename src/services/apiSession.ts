// Opens the API connection from the current settings (the proxy ones included) and token, shares it
// between jobs while none of them changes, closes a replaced one once its last job is done, and loads
// the HTTP stack only when the first job needs it.
import * as vscode from 'vscode';
import type { ApiConnection } from '../api/connection';
import { ConnectionCache } from './connectionCache';
import type { Log } from './log';
import { readProxySettings, readSettings } from './settings';

export class ApiSession implements vscode.Disposable {
  private readonly connections: ConnectionCache<ApiConnection>;

  constructor(private readonly log: Log) {
    this.connections = new ConnectionCache((error) => this.log.warn(`a replaced API connection did not close cleanly: ${String(error)}`));
  }

  /** Runs `work` with the connection for this token and the current settings, held until `work` settles. */
  async use<T>(token: string, work: (api: ApiConnection) => Promise<T>): Promise<T> {
    const settings = readSettings();
    const proxy = readProxySettings();
    const key = JSON.stringify([token, settings.apiBaseUrl, settings.requestTimeoutSeconds, proxy]);
    const lease = await this.connections.acquire(key, async () => {
      const { openConnection, secretsOf } = await import('../api/connection');
      const timeoutMs = settings.requestTimeoutSeconds * 1000;
      const options = {
        baseUrl: settings.apiBaseUrl,
        token,
        timeouts: { connectMs: Math.min(timeoutMs, 15_000), headersMs: timeoutMs, bodyMs: timeoutMs },
        proxy,
        log: (message: string) => this.log.info(message),
        warn: (message: string) => this.log.warn(message),
      };
      this.log.addSecrets(secretsOf(options));
      return openConnection(options);
    });
    try {
      return await work(lease.connection);
    } finally {
      lease.release();
    }
  }

  dispose(): void {
    void this.connections.dispose();
  }
}
