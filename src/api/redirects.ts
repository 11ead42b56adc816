// Which redirects of an image download are followed. The image address comes from the service, but a
// redirect can come from anyone on the way (a compromised CDN edge, a rewritten http answer): it must not
// turn a download into a request to this machine or its network (a router's admin page, a cloud
// metadata service), nor move it from https to http. The local stand-in of the API runs on loopback, so
// internal addresses are allowed exactly when the API address itself is one.
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { t } from '../core/l10n';
import { shownUrl } from '../core/redact';

export const MAX_REDIRECTS = 5;

/** Host name → its addresses, as the connection would resolve it. */
export type ResolveHost = (host: string) => Promise<string[]>;

export const resolveHost: ResolveHost = async (host) => (await lookup(host, { all: true, verbatim: true })).map((entry) => entry.address);

/** Whether an address (or `localhost`) is loopback, private, link-local, shared (CGNAT) or unspecified. */
export function isInternalAddress(host: string): boolean {
  const name = host.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');
  if (name === 'localhost' || name.endsWith('.localhost')) return true;
  if (isIP(name) === 4) return internalIPv4(name.split('.').map(Number));
  if (isIP(name) !== 6) return false;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(name);
  if (mapped) return internalIPv4(mapped[1]!.split('.').map(Number));
  const first = parseInt(name.split(':')[0] || '0', 16);
  return name === '::1' || name === '::' || (first & 0xffc0) === 0xfe80 || (first & 0xffc0) === 0xfec0 || (first & 0xfe00) === 0xfc00;
}

function internalIPv4([a, b]: number[]): boolean {
  return a === 0 || a === 10 || a === 127 || (a === 169 && b === 254) || (a === 172 && b! >= 16 && b! <= 31) || (a === 192 && b === 168) || (a === 100 && b! >= 64 && b! <= 127);
}

export interface RedirectDecision {
  from: string;
  to: string;
  /** The addresses the target's host resolves to (its literal address when it is one). */
  targetAddresses: readonly string[];
  /** The API address is itself internal (the local stand-in, a service in the same network). */
  apiIsInternal: boolean;
}

/** Why the redirect must not be followed, or undefined to follow it. */
export function redirectRefusal({ from, to, targetAddresses, apiIsInternal }: RedirectDecision): string | undefined {
  if (new URL(from).protocol === 'https:' && new URL(to).protocol !== 'https:') {
    return t('The image address {0} redirected from https to {1}; a download never gives up https.', shownUrl(from), shownUrl(to));
  }
  const target = new URL(to).hostname;
  if (!apiIsInternal && [target, ...targetAddresses].some(isInternalAddress)) {
    return t('The image address {0} redirected to {1}, a loopback, private or link-local address; downloads go to such addresses only when the API address is one.', shownUrl(from), shownUrl(to));
  }
  return undefined;
}

/**
 * The addresses to judge `host` by: itself when it is an address; what it resolves to when the request
 * goes straight to it; none through a proxy, which resolves names itself (its literal form is still judged).
 */
export async function addressesOf(host: string, direct: boolean, resolve: ResolveHost): Promise<string[]> {
  const bare = host.replace(/^\[|\]$/g, '');
  if (isIP(bare)) return [bare];
  // A name that does not resolve cannot be connected to either: the request fails on its own.
  return direct ? resolve(bare).catch(() => []) : [];
}
