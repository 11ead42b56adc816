// Logs must never carry the API token, whatever wraps it.

export function redact(text: string, secrets: readonly (string | undefined)[]): string {
  let result = text.replace(/(bearer\s+)[^\s"',}]+/gi, '$1[redacted]');
  for (const secret of secrets) {
    if (secret && secret.length >= 4) result = result.split(secret).join('[redacted]');
  }
  return result;
}
