// The "Nano Banana" log channel; every line passes through redaction (src/core/redact.ts), so neither the
// token, nor proxy credentials, nor a presigned image URL's query can reach it.
import * as vscode from 'vscode';
import { redact } from '../core/redact';

export class Log implements vscode.Disposable {
  private readonly channel = vscode.window.createOutputChannel('Nano Banana', { log: true });
  private readonly secrets = new Set<string>();

  /** Values to strip from every line from now on, e.g. the token in use. A replaced token stays one: it may still be valid. */
  addSecrets(secrets: readonly (string | undefined)[]): void {
    for (const secret of secrets) if (secret) this.secrets.add(secret);
  }

  info(message: string): void {
    this.channel.info(this.clean(message));
  }

  warn(message: string): void {
    this.channel.warn(this.clean(message));
  }

  error(message: string, error?: unknown): void {
    const detail = error instanceof Error ? `: ${error.message}${causeOf(error)}` : error ? `: ${String(error)}` : '';
    this.channel.error(this.clean(message + detail));
  }

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }

  private clean(text: string): string {
    return redact(text, [...this.secrets]);
  }
}

function causeOf(error: Error): string {
  const cause = error.cause as { message?: string; code?: string } | undefined;
  return cause ? ` (${cause.code ?? ''} ${cause.message ?? ''})`.replace(/\(\s+/, '(') : '';
}
