// Forward proxies. The bundled undici ignores both VS Code's `http.proxy` settings and the
// HTTPS_PROXY / HTTP_PROXY / NO_PROXY variables, so behind a corporate proxy nothing would connect.
// One routing decision per URL serves both the request and its error message, so a failure is blamed
// on the proxy only when the request really went through it.
import { Agent, Dispatcher, Pool, ProxyAgent } from 'undici';
import { t } from '../core/l10n';
import { shownUrl } from '../core/redact';
import { ApiError } from './errors';

export interface ProxyOptions {
  /** `http://[user:password@]host:port`; empty or absent: the proxy variables of `environment`. */
  url?: string;
  /** Hosts reached directly: `example.com` (with its subdomains), `.example.com`, `host:port`, or `*`. */
  noProxy?: readonly string[];
  /**
   * False accepts any certificate from an https:// proxy itself (VS Code's meaning of http.proxyStrictSSL).
   * The certificates of the service and the image host are always checked: a proxy that re-signs TLS
   * needs its root certificate in NODE_EXTRA_CA_CERTS. Default true.
   */
  strictSSL?: boolean;
  /** Sent to the proxy as Proxy-Authorization; it never reaches the service or the image host. */
  authorization?: string;
  /** Where the proxy variables are read when `url` is empty (default: process.env). */
  environment?: Record<string, string | undefined>;
}

/** The variables a proxy is read from when `http.proxy` is empty, lower case first as curl reads them. */
export const PROXY_VARIABLES = ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY'] as const;

/** A proxy a request goes through, as messages show it. */
export interface ProxyRoute {
  /** The proxy's address without its credentials. */
  shown: string;
  /** The setting or variable it came from, e.g. `http.proxy` or `HTTPS_PROXY`. */
  source: string;
}

interface Route extends ProxyRoute {
  agent: ProxyAgent;
}

interface Bypass {
  host: string;
  port?: number;
}

/** What undici needs to keep the caller's timeouts and keep-alive on every hop. */
export interface DispatcherSettings {
  agent: Agent.Options;
  pool: Pool.Options;
  connectMs: number;
}

interface ProxySpec {
  url: string;
  source: string;
}

/** Where requests go by protocol, and hosts that go direct, before any of it is parsed. */
interface Configured {
  http?: ProxySpec;
  https?: ProxySpec;
  noProxy: string[];
}

/** A dispatcher that sends each request through its proxy, or undefined when no proxy is configured. */
export function routeThroughProxy(settings: DispatcherSettings, options: ProxyOptions): Dispatcher | undefined {
  const explicit = options.url?.trim();
  // A proxy set in the settings replaces the variables, NO_PROXY included: the settings alone then decide.
  const configured: Configured = explicit
    ? { http: { url: explicit, source: 'http.proxy' }, https: { url: explicit, source: 'http.proxy' }, noProxy: [] }
    : fromEnvironment(options.environment ?? process.env);
  if (!configured.http && !configured.https) return undefined;
  const routes = new Map<string, Route>();
  const route = (spec: ProxySpec | undefined): Route | undefined => {
    if (!spec) return undefined;
    const known = routes.get(spec.url) ?? { ...parseProxyUrl(spec.url, spec.source), agent: proxyAgent(spec.url, settings, options) };
    routes.set(spec.url, known);
    return known;
  };
  const byProtocol = { 'http:': route(configured.http), 'https:': route(configured.https) };
  return new ProxyRouter(new Agent(settings.agent), byProtocol, parseNoProxy([...(options.noProxy ?? []), ...configured.noProxy]));
}

/** The proxy `url` goes through on `dispatcher`, if any. */
export function proxyRouteFor(dispatcher: Dispatcher, url: string): ProxyRoute | undefined {
  return dispatcher instanceof ProxyRouter ? dispatcher.routeFor(url) : undefined;
}

/** Failures reaching the proxy itself: the request never left this machine. */
const CONNECT_FAILURES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL', 'UND_ERR_CONNECT_TIMEOUT']);

/**
 * The error for a request that failed at its proxy, or undefined when the failure may lie beyond it.
 * Such a request never reached the service, and the message says so, so that nobody goes looking
 * for a paid task it might have created.
 */
export function proxyFailure(error: unknown, route: ProxyRoute): ApiError | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  const detail = error instanceof Error ? error.message : String(error);
  if (typeof code === 'string' && CONNECT_FAILURES.has(code)) {
    return new ApiError(
      { code: 'proxy', cause: error },
      t('Could not connect to the proxy {0} ({1}): {2}. Nothing was sent to the service; start the proxy or correct {1}.', route.shown, route.source, detail),
    );
  }
  // undici's own words for a proxy that answered but would not pass the request on (407, a refused tunnel).
  if (code !== 'UND_ERR_PRX_TLS' && !/^Proxy /.test(detail)) return undefined;
  return new ApiError(
    { code: 'proxy', cause: error },
    /\b407\b/.test(detail)
      ? t('The proxy {0} ({1}) asks for credentials (HTTP 407); nothing was sent to the service. Set "http.proxyAuthorization", or put them in the proxy address.', route.shown, route.source)
      : t('The proxy {0} ({1}) did not forward the request: {2}. Nothing was sent to the service.', route.shown, route.source, detail),
  );
}

class ProxyRouter extends Dispatcher {
  constructor(
    private readonly direct: Agent,
    private readonly routes: Partial<Record<string, Route>>,
    private readonly bypass: Bypass[] | 'all',
  ) {
    super();
  }

  routeFor(url: string | URL): Route | undefined {
    const target = new URL(url);
    return bypasses(this.bypass, target) ? undefined : this.routes[target.protocol];
  }

  dispatch(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean {
    const route = options.origin === undefined ? undefined : this.routeFor(options.origin);
    return (route?.agent ?? this.direct).dispatch(options, handler);
  }

  close(): Promise<void>;
  close(callback: () => void): void;
  close(callback?: () => void): Promise<void> | void {
    const closed = Promise.all(this.dispatchers().map((dispatcher) => dispatcher.close())).then(() => undefined);
    if (!callback) return closed;
    void closed.then(callback);
  }

  destroy(error: Error | null, callback: () => void): void;
  destroy(callback: () => void): void;
  destroy(error: Error | null): Promise<void>;
  destroy(): Promise<void>;
  destroy(first?: Error | null | (() => void), second?: () => void): Promise<void> | void {
    const error = typeof first === 'function' ? null : first ?? null;
    const callback = typeof first === 'function' ? first : second;
    const destroyed = Promise.all(this.dispatchers().map((dispatcher) => dispatcher.destroy(error))).then(() => undefined);
    if (!callback) return destroyed;
    void destroyed.then(callback);
  }

  private dispatchers(): Dispatcher[] {
    return [this.direct, ...new Set(Object.values(this.routes).flatMap((route) => (route ? [route.agent] : [])))];
  }
}

function proxyAgent(url: string, settings: DispatcherSettings, options: ProxyOptions): ProxyAgent {
  // undici builds the proxy's own connections from these factories and TLS options, not from the
  // agent options, so the timeouts are repeated here or a silent proxy would hold a request for minutes.
  const pool = (origin: URL | string, poolOptions: Pool.Options) => new Pool(origin, { ...settings.pool, ...poolOptions });
  return new ProxyAgent({
    ...settings.agent,
    uri: withScheme(url),
    token: options.authorization || undefined,
    // http:// targets as absolute-form requests, which every proxy forwards; many only tunnel port 443.
    proxyTunnel: false,
    factory: pool,
    // The connection to the proxy itself: its failures are marked, so a refused certificate is blamed on the right host.
    clientFactory: (origin: URL | string, poolOptions: Pool.Options) => pool(origin, { ...poolOptions, connect: markingProxyFailures(poolOptions.connect) }),
    proxyTls: { timeout: settings.connectMs, rejectUnauthorized: options.strictSSL !== false },
    // Never loosened: this is the service's (or the image host's) certificate, seen through the tunnel.
    requestTls: { timeout: settings.connectMs, rejectUnauthorized: true },
  });
}

const AT_PROXY = Symbol('failed connecting to the proxy');

/** Whether `error` arose on the connection to the proxy itself (its TLS included), not beyond it. */
export function failedAtProxy(error: unknown): boolean {
  const marked = (value: unknown) => typeof value === 'object' && value !== null && AT_PROXY in value;
  return marked(error) || marked((error as { cause?: unknown } | undefined)?.cause);
}

function markingProxyFailures(connect: Pool.Options['connect']): Pool.Options['connect'] {
  if (typeof connect !== 'function') return connect;
  return (connectOptions, callback) =>
    connect(connectOptions, (...result) => {
      if (result[0]) Object.defineProperty(result[0], AT_PROXY, { value: true });
      callback(...result);
    });
}

function fromEnvironment(environment: Record<string, string | undefined>): Configured {
  const read = (...names: string[]): ProxySpec | undefined => {
    const source = names.find((name) => environment[name]?.trim());
    return source ? { url: environment[source]!.trim(), source } : undefined;
  };
  const [httpsLower, httpsUpper, httpLower, httpUpper] = PROXY_VARIABLES;
  const http = read(httpLower, httpUpper);
  // As undici's EnvHttpProxyAgent does: without HTTPS_PROXY, https goes through HTTP_PROXY too.
  const https = read(httpsLower, httpsUpper) ?? http;
  const noProxy = (environment.no_proxy || environment.NO_PROXY || '').split(/[,\s]+/);
  return { http, https, noProxy };
}

/** Proxy variables often leave out the scheme ("proxy:3128"); curl and undici read that as http. */
function withScheme(url: string): string {
  return /^[a-z][a-z\d+.-]*:\/\//i.test(url) ? url : `http://${url}`;
}

function parseProxyUrl(url: string, source: string): ProxyRoute {
  let parsed: URL | undefined;
  try {
    parsed = new URL(withScheme(url));
  } catch {
    parsed = undefined;
  }
  if (!parsed || !['http:', 'https:', 'socks5:', 'socks:'].includes(parsed.protocol)) {
    throw new ApiError(
      { code: 'proxy' },
      t('The proxy {0} ({1}) is not an http://, https:// or socks5:// address.', shownUrl(url), source),
    );
  }
  return { shown: `${parsed.protocol}//${parsed.host}`, source };
}

function parseNoProxy(entries: readonly string[]): Bypass[] | 'all' {
  const bypass: Bypass[] = [];
  for (const raw of entries) {
    const entry = raw.trim().toLowerCase();
    if (entry === '*') return 'all';
    // `[::1]:8080` and `host:8080` carry a port; a bare IPv6 address has several colons and none.
    const match = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry) ?? /^([^:]+)(?::(\d+))?$/.exec(entry) ?? [entry, entry];
    const host = match[1]!.replace(/^\*?\./, '');
    if (host) bypass.push({ host, port: match[2] ? Number(match[2]) : undefined });
  }
  return bypass;
}

function bypasses(bypass: Bypass[] | 'all', url: URL): boolean {
  if (bypass === 'all') return true;
  const host = url.hostname.toLowerCase().replace(/^\[|\]$/g, '');
  const port = Number(url.port) || (url.protocol === 'https:' ? 443 : 80);
  return bypass.some((entry) => (!entry.port || entry.port === port) && (host === entry.host || host.endsWith(`.${entry.host}`)));
}
