// Builds the API client, its poller and the shared HTTP agent from the current settings and token,
// and rebuilds them when either changes.
import * as vscode from 'vscode';
import type { Agent } from 'undici';
import { NanoBananaClient } from '../api/client';
import { createAgent } from '../api/http';
import { TaskPoller } from '../api/poller';
import type { Log } from './log';
import { readSettings } from './settings';

export interface ApiConnection {
  client: NanoBananaClient;
  poller: TaskPoller;
  dispatcher: Agent;
}

export class ApiSession implements vscode.Disposable {
  private connection: ApiConnection | undefined;
  private key = '';
  private readonly retired: ApiConnection[] = [];

  constructor(private readonly log: Log) {}

  /** A connection for this token and the current settings, reused while neither changes. */
  connect(token: string): ApiConnection {
    const settings = readSettings();
    const key = JSON.stringify([token, settings.apiBaseUrl, settings.requestTimeoutSeconds]);
    if (this.connection && key === this.key) return this.connection;
    // Jobs already waiting keep the old connection until they finish; it is closed on dispose.
    if (this.connection) this.retired.push(this.connection);
    const timeoutMs = settings.requestTimeoutSeconds * 1000;
    const dispatcher = createAgent({ connectMs: Math.min(timeoutMs, 15_000), headersMs: timeoutMs, bodyMs: timeoutMs });
    const client = new NanoBananaClient({
      baseUrl: settings.apiBaseUrl,
      token,
      dispatcher,
      log: (message) => this.log.info(message),
    });
    const poller = new TaskPoller(() => client, { log: (message) => this.log.warn(message) });
    this.log.setSecrets([token]);
    this.connection = { client, poller, dispatcher };
    this.key = key;
    return this.connection;
  }

  dispose(): void {
    for (const connection of [...this.retired, this.connection]) {
      connection?.poller.dispose();
      void connection?.dispatcher.close();
    }
  }
}
