// Everything a job needs to talk to the service, built in one place. The extension loads this module
// lazily (undici is most of the bundle), so activation stays cheap.
import { NanoBananaClient } from './client';
import { downloadImage, type DownloadedImage, type DownloadOptions } from './download';
import { createDispatcher, type HttpTimeouts } from './http';
import { TaskPoller } from './poller';
import { PROXY_VARIABLES, type ProxyOptions } from './proxy';
import { proxySecrets } from '../core/redact';

export type { ProxyOptions } from './proxy';

export interface ConnectionOptions {
  baseUrl: string;
  token: string;
  timeouts: HttpTimeouts;
  /** API calls and image downloads alike go through it; absent: straight to every host. */
  proxy?: ProxyOptions;
  pollIntervalMs?: number;
  log?: (message: string) => void;
  warn?: (message: string) => void;
}

export interface ApiConnection {
  client: NanoBananaClient;
  poller: TaskPoller;
  download(url: string, options: Omit<DownloadOptions, 'dispatcher' | 'apiBaseUrl'>): Promise<DownloadedImage>;
  close(): Promise<void>;
}

/**
 * What a log must never show of these options: the token and the proxy credentials in every form they
 * can take, from the settings or from the proxy variables alike (whether or not those are used).
 */
export function secretsOf(options: ConnectionOptions): string[] {
  const environment = options.proxy?.environment ?? process.env;
  const proxyUrls = [options.proxy?.url, ...PROXY_VARIABLES.map((name) => environment[name])];
  return [options.token, ...proxySecrets({ proxyUrls, authorization: options.proxy?.authorization })];
}

export function openConnection(options: ConnectionOptions): ApiConnection {
  const dispatcher = createDispatcher(options.timeouts, options.proxy);
  const client = new NanoBananaClient({ baseUrl: options.baseUrl, token: options.token, dispatcher, log: options.log });
  const poller = new TaskPoller(() => client, { intervalMs: options.pollIntervalMs, log: options.warn });
  return {
    client,
    poller,
    download: (url, downloadOptions) => downloadImage(url, { ...downloadOptions, dispatcher, apiBaseUrl: options.baseUrl }),
    close: async () => {
      poller.dispose();
      await dispatcher.close();
    },
  };
}
