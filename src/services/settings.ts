// Typed access to the `nanoBanana.*` settings, and to VS Code's `http.*` proxy settings.
import * as vscode from 'vscode';
import type { ProxyOptions } from '../api/connection';
import { DEFAULT_ICON_SET } from '../core/iconSet';
import { boundedNumber, NUMBER_SETTINGS, type NumberSetting } from '../core/settingBounds';
import type { Log } from './log';

export const DEFAULT_API_BASE_URL = 'https://api.acedata.cloud';

export interface Settings {
  apiBaseUrl: string;
  model: string;
  aspectRatio: string;
  resolution: string;
  count: number;
  outputDirectory: string;
  askForOptions: boolean;
  callbackUrl: string;
  requestTimeoutSeconds: number;
  waitTimeoutMinutes: number;
  /** Text added to every prompt. */
  style: string;
  /** Workspace-relative paths of images sent with every generation as style references; checked before use. */
  styleImages: unknown;
  /** The files of Generate Icon Set and their sizes (nanoBanana.iconSet); checked before use. */
  iconSet: unknown;
  /** The cost settings (model, resolution, count) a workspace, not the user, set to something else than theirs. */
  costSetByWorkspace: string[];
}

const COST_SETTINGS = ['model', 'resolution', 'count'] as const;

export function readSettings(scope?: vscode.ConfigurationScope): Settings {
  const config = vscode.workspace.getConfiguration('nanoBanana', scope);
  return {
    apiBaseUrl: trustedApiBaseUrl(config),
    model: config.get<string>('model', 'nano-banana').trim() || 'nano-banana',
    aspectRatio: config.get<string>('aspectRatio', '1:1'),
    resolution: config.get<string>('resolution', '1K'),
    count: bounded(config, 'count'),
    outputDirectory: config.get<string>('outputDirectory', 'assets/generated'),
    askForOptions: config.get<boolean>('askForOptions', true),
    costSetByWorkspace: COST_SETTINGS.filter((key) => setByWorkspace(config, key)),
    callbackUrl: config.get<string>('callbackUrl', '').trim(),
    requestTimeoutSeconds: bounded(config, 'requestTimeoutSeconds'),
    waitTimeoutMinutes: bounded(config, 'waitTimeoutMinutes'),
    style: text(config.get<unknown>('style', '')),
    styleImages: config.get<unknown>('styleImages', []),
    iconSet: config.get<unknown>('iconSet', DEFAULT_ICON_SET),
  };
}

/** Where a corrected setting is reported; set once at activation (before that, nothing is marked as told). */
let warn: ((line: string) => void) | undefined;
/** Each distinct problem is logged once, not at every read of the settings. */
const reported = new Set<string>();

export function logSettingProblemsTo(log: Pick<Log, 'warn'>): void {
  warn = (line) => log.warn(line);
}

function bounded(config: vscode.WorkspaceConfiguration, key: NumberSetting): number {
  const bounds = NUMBER_SETTINGS[key];
  const { value, problem } = boundedNumber(`nanoBanana.${key}`, config.get<unknown>(key, bounds.default), bounds);
  if (problem && warn && !reported.has(problem)) {
    reported.add(problem);
    warn(problem);
  }
  return value;
}

/** A hand-edited setting may hold anything; only text is text. */
function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

/** Whether a workspace (or folder) value of `key` overrides what the user has, or the default. */
function setByWorkspace(config: vscode.WorkspaceConfiguration, key: string): boolean {
  const values = config.inspect(key);
  if (!values) return false;
  const workspace = values.workspaceFolderValue ?? values.workspaceValue;
  return workspace !== undefined && workspace !== (values.globalValue ?? values.defaultValue);
}

/**
 * The API base URL from user (or machine-wide) settings only. The manifest already declares it
 * `application`-scoped; reading the global value explicitly also holds if a workspace file sets it
 * anyway, because a workspace choosing where the token is sent would leak it to that host.
 */
function trustedApiBaseUrl(config: vscode.WorkspaceConfiguration): string {
  const value = config.inspect<string>('apiBaseUrl')?.globalValue?.trim();
  return value || DEFAULT_API_BASE_URL;
}

/**
 * VS Code's proxy settings, which the bundled HTTP client does not see by itself; an empty
 * `http.proxy` leaves the choice to HTTPS_PROXY / HTTP_PROXY / NO_PROXY. User settings only, as for
 * the base URL: a workspace choosing the proxy (or turning off its certificate checks) would route
 * the token through a host of its choice.
 */
export function readProxySettings(): ProxyOptions {
  const config = vscode.workspace.getConfiguration('http');
  const user = <T>(key: string, fallback: T): T => config.inspect<T>(key)?.globalValue ?? fallback;
  return {
    url: user('proxy', '').trim(),
    noProxy: user<string[]>('noProxy', []),
    strictSSL: user('proxyStrictSSL', true),
    authorization: user<string | null>('proxyAuthorization', null) || undefined,
  };
}
