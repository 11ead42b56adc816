// Times require() and activate() of the built extension in a fresh Node process, with a minimal
// recording shim standing in for the `vscode` module (VS Code is not here). Plain CommonJS, run
// without tsx, so no loader hook inflates the require time.
// Prints one JSON line: { requireMs, activateMs, calls, builtins, loaded }.
'use strict';
const Module = require('node:module');
const { performance } = require('node:perf_hooks');

const calls = [];
const disposable = () => ({ dispose() {} });
const record = (name, result) => (...args) => {
  calls.push(name);
  return typeof result === 'function' ? result(...args) : result;
};
const event = (name) => record(name, disposable);

class EventEmitter {
  constructor() { this.listeners = new Set(); this.event = (listener) => { this.listeners.add(listener); return { dispose: () => this.listeners.delete(listener) }; }; }
  fire(value) { for (const listener of this.listeners) listener(value); }
  dispose() { this.listeners.clear(); }
}
const uri = (path) => ({ scheme: 'file', path, fsPath: path, toString: () => `file://${path}` });

/** Any member activation touches that the shim lacks fails loudly instead of reading as undefined. */
const strict = (name, members) => new Proxy(members, {
  get(target, key) {
    if (typeof key === 'symbol' || key in target || key === 'then' || key.startsWith('__')) return target[key];
    throw new Error(`the vscode shim has no ${name}.${String(key)}; activation used it`);
  },
});

const vscode = strict('vscode', {
  EventEmitter,
  Uri: strict('Uri', { file: uri, joinPath: (base, ...parts) => uri([base.path, ...parts].join('/')), parse: (s) => uri(s.replace(/^file:\/\//, '')) }),
  window: strict('window', {
    activeTextEditor: undefined,
    visibleTextEditors: [],
    createOutputChannel: record('window.createOutputChannel', () => ({ info() {}, warn() {}, error() {}, debug() {}, trace() {}, appendLine() {}, dispose() {} })),
    onDidChangeActiveTextEditor: event('window.onDidChangeActiveTextEditor'),
    onDidChangeTextEditorSelection: event('window.onDidChangeTextEditorSelection'),
    registerWebviewPanelSerializer: record('window.registerWebviewPanelSerializer', disposable),
  }),
  workspace: strict('workspace', {
    textDocuments: [],
    onDidCloseTextDocument: event('workspace.onDidCloseTextDocument'),
    onDidChangeConfiguration: event('workspace.onDidChangeConfiguration'),
    getConfiguration: record('workspace.getConfiguration', () => ({ get: (_key, fallback) => fallback })),
  }),
  commands: strict('commands', { registerCommand: record('commands.registerCommand', disposable) }),
  l10n: strict('l10n', { bundle: undefined, t: (message, ...args) => message.replace(/\{(\d+)\}/g, (_, i) => String(args[i])) }),
  CodeActionKind: strict('CodeActionKind', { QuickFix: { value: 'quickfix' } }),
  languages: strict('languages', { registerCodeActionsProvider: record('languages.registerCodeActionsProvider', disposable) }),
  lm: strict('lm', { registerTool: record('lm.registerTool', disposable) }),
});

const builtins = new Set();
const originalLoad = Module._load;
Module._load = function load(request, parent, isMain) {
  if (request === 'vscode') return vscode;
  if (Module.isBuiltin(request)) builtins.add(request.replace(/^node:/, ''));
  return originalLoad.call(this, request, parent, isMain);
};

const memento = () => { const data = new Map(); return { get: (key, fallback) => (data.has(key) ? data.get(key) : fallback), update: async (key, value) => void data.set(key, value), keys: () => [...data.keys()] }; };
const context = {
  subscriptions: [],
  extensionUri: uri(process.cwd()),
  extensionPath: process.cwd(),
  asAbsolutePath: (relative) => require('node:path').join(process.cwd(), relative),
  workspaceState: memento(),
  globalState: memento(),
  secrets: { get: async () => undefined, store: async () => undefined, delete: async () => undefined, onDidChange: event('secrets.onDidChange') },
};

const file = require('node:path').resolve(process.argv[2]);
const t0 = performance.now();
const extension = require(file);
const t1 = performance.now();
extension.activate(context);
const t2 = performance.now();
// Let activation's own async start (resuming unfinished jobs) run before reporting.
setImmediate(() => {
    // What activation really loaded of the package: the lazily required HTTP stack must not be among it.
  const loaded = Object.keys(require.cache).filter((path) => path.startsWith(require('node:path').dirname(file))).map((path) => require('node:path').basename(path)).sort();
  process.stdout.write(`${JSON.stringify({ requireMs: t1 - t0, activateMs: t2 - t1, calls, builtins: [...builtins].sort(), loaded, subscriptions: context.subscriptions.length })}\n`);
});
