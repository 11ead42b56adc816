// What must never reach the log: the API token, proxy credentials in every form they can be given, and
// the query string of any URL (a presigned image URL is itself a credential, valid until it expires).

const REDACTED = '[redacted]';

/** `Bearer x` and `Basic x`, whoever's they are. */
const AUTHORIZATION = /\b(bearer|basic)(\s+)[^\s"',}]+/gi;
/** `scheme://user:pass@host`: the user information up to the authority's last `@`, so a password holding `@` goes too. */
const URL_USER_INFO = /\b([a-z][a-z\d+.-]*:\/\/)[^\s/?#"'<>@]*(?:@[^\s/?#"'<>@]*)*@/gi;
/** A proxy given without a scheme, `user:pass@host:port` (curl and undici read it as http). */
const BARE_USER_INFO = /(^|[\s"'(=<,])[^\s/?#"'<>:@=(,]+:[^\s/?#"'<>]*@(?=[\w.-]+(?::\d+)?(?:[\s"')>,/]|$))/g;
/** Everything from `?` to the end of a URL; the fragment is dropped with it. */
const URL_QUERY = /\b([a-z][a-z\d+.-]*:\/\/[^\s?#"'<>]*)\?[^\s"'<>]*/gi;

export function redact(text: string, secrets: readonly (string | undefined)[]): string {
  let result = text;
  // Longest first, so a secret that contains another is removed whole.
  for (const secret of [...secrets].sort((a, b) => (b?.length ?? 0) - (a?.length ?? 0))) {
    if (secret && secret.length >= 4) result = result.split(secret).join(REDACTED);
  }
  return result
    .replace(AUTHORIZATION, `$1$2${REDACTED}`)
    .replace(URL_USER_INFO, `$1${REDACTED}@`)
    .replace(BARE_USER_INFO, `$1${REDACTED}@`)
    .replace(URL_QUERY, `$1?${REDACTED}`);
}

/** A URL (or a text holding some) as messages show it: without credentials and without its query string. */
export function shownUrl(url: string): string {
  return url.replace(URL_USER_INFO, '$1').replace(BARE_USER_INFO, '$1').replace(URL_QUERY, '$1');
}

export interface ProxyCredentials {
  /** `http.proxy`, or a proxy variable's value: with or without a scheme, credentials encoded or not. */
  proxyUrls: readonly (string | undefined)[];
  /** `http.proxyAuthorization`, e.g. `Basic dXNlcjpwYXNz`. */
  authorization?: string;
}

/**
 * Every form in which the proxy credentials can appear in a line: as written, percent-decoded, the
 * Basic value undici sends for them, and the user:password inside an authorization value.
 */
export function proxySecrets({ proxyUrls, authorization }: ProxyCredentials): string[] {
  const secrets = new Set<string>();
  for (const url of proxyUrls) {
    const userInfo = url && userInfoOf(url);
    if (!userInfo) continue;
    const colon = userInfo.indexOf(':');
    const password = colon < 0 ? '' : userInfo.slice(colon + 1);
    const decoded = `${decode(colon < 0 ? userInfo : userInfo.slice(0, colon))}:${decode(password)}`;
    for (const secret of [userInfo, password, decode(password), decoded, base64(decoded)]) secrets.add(secret);
  }
  if (authorization) {
    secrets.add(authorization);
    const [, scheme, value] = /^(\S+)\s+(\S+)/.exec(authorization.trim()) ?? [];
    if (value) secrets.add(value);
    if (scheme?.toLowerCase() === 'basic' && value) {
      const plain = Buffer.from(value, 'base64').toString('utf8');
      secrets.add(plain);
      secrets.add(plain.slice(plain.indexOf(':') + 1));
    }
  }
  return [...secrets].filter((secret) => secret.length >= 4);
}

/** Between `scheme://` (if any) and the last `@` before the path: how WHATWG URLs and undici split it. */
function userInfoOf(url: string): string | undefined {
  const authority = url.trim().replace(/^[a-z][a-z\d+.-]*:\/\//i, '').split(/[/?#]/, 1)[0]!;
  const at = authority.lastIndexOf('@');
  return at > 0 ? authority.slice(0, at) : undefined;
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function base64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}
