// A refused TLS certificate, told as what it is: whose certificate, why it was refused, and the setting or
// variable that fixes it. The service's and the image host's certificates are always checked against the
// runtime's trusted roots, which include NODE_EXTRA_CA_CERTS (Node and VS Code read it at startup);
// http.proxyStrictSSL loosens only the check of an https:// proxy's own certificate (see proxy.ts).
import { t } from '../core/l10n';
import { ApiError } from './errors';
import { failedAtProxy, type ProxyRoute } from './proxy';

/** Verification failures a root certificate added to NODE_EXTRA_CA_CERTS would fix. */
const UNTRUSTED = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_GET_ISSUER_CERT', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'CERT_UNTRUSTED',
]);
const OUT_OF_DATE = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID', 'ERROR_IN_CERT_NOT_BEFORE_FIELD', 'ERROR_IN_CERT_NOT_AFTER_FIELD']);
const OTHER_HOST = new Set(['ERR_TLS_CERT_ALTNAME_INVALID', 'HOSTNAME_MISMATCH']);
const OTHER = new Set([
  'CERT_REVOKED', 'CERT_REJECTED', 'INVALID_CA', 'INVALID_PURPOSE', 'CERT_CHAIN_TOO_LONG', 'PATH_LENGTH_EXCEEDED',
  'CERT_SIGNATURE_FAILURE', 'UNABLE_TO_DECRYPT_CERT_SIGNATURE', 'UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY',
]);

interface Refusal {
  code: string;
  message: string;
}

/**
 * The error for a request to `url` that failed on a certificate, or undefined for any other failure.
 * `proxy`: the proxy the request went through, which is blamed when its own certificate was refused.
 */
export function certificateFailure(
  error: unknown,
  url: string,
  proxy: ProxyRoute | undefined,
  environment: Record<string, string | undefined> = process.env,
): ApiError | undefined {
  const refusal = refusalOf(error) ?? refusalOf((error as { cause?: unknown } | undefined)?.cause);
  if (!refusal) return undefined;
  const reason = reasonFor(refusal);
  if (proxy && failedAtProxy(error)) {
    return new ApiError(
      { code: 'certificate', cause: error },
      t('The certificate of the proxy {0} ({1}) was refused: {2}. Nothing was sent to the service. Set "http.proxyStrictSSL" to false to accept the proxy\'s own certificate, or add the root certificate that signed it to NODE_EXTRA_CA_CERTS.', proxy.shown, proxy.source, reason),
    );
  }
  const refused = t('The certificate of {0} was refused: {1}. Nothing was sent to it.', new URL(url).host, reason);
  return new ApiError({ code: 'certificate', cause: error }, `${refused} ${adviceFor(refusal.code, environment.NODE_EXTRA_CA_CERTS?.trim())}`);
}

function refusalOf(error: unknown): Refusal | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code !== 'string' || ![UNTRUSTED, OUT_OF_DATE, OTHER_HOST, OTHER].some((codes) => codes.has(code))) return undefined;
  return { code, message: error instanceof Error ? error.message : String(error) };
}

function reasonFor({ code, message }: Refusal): string {
  if (UNTRUSTED.has(code)) return t('it is not signed by an authority this computer trusts ({0})', code);
  if (OUT_OF_DATE.has(code)) return t('it has expired or is not valid yet ({0})', code);
  if (OTHER_HOST.has(code)) return t('it was issued for another host name ({0})', code);
  return `${message} (${code})`;
}

function adviceFor(code: string, extraCertificates: string | undefined): string {
  const strictSsl = t('"http.proxyStrictSSL" does not turn this check off: it concerns only a proxy\'s own certificate.');
  if (OUT_OF_DATE.has(code)) return t('Check this computer\'s date and time.');
  if (OTHER_HOST.has(code)) return t('Check the address (for the service, the "nanoBanana.apiBaseUrl" setting).');
  if (!UNTRUSTED.has(code)) return strictSsl;
  const extra = extraCertificates
    ? t('NODE_EXTRA_CA_CERTS ({0}) does not hold the root certificate that signed it; the variable is read when VS Code starts.', extraCertificates)
    : t('If a proxy or firewall of your organisation re-signs HTTPS, set the environment variable NODE_EXTRA_CA_CERTS to a PEM file holding its root certificate, then restart VS Code.');
  return `${extra} ${strictSsl}`;
}
