// src/api and src/core must run outside VS Code (in these tests, in the stand-in's clients), so none
// of their files may import or require the 'vscode' module.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const FOLDERS = ['src/api', 'src/core'];

/** Static and dynamic imports, re-exports and require calls of 'vscode' or a subpath of it. */
const VSCODE_IMPORT = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)(['"`])vscode(?:\/[^'"`]*)?\1/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(?:[cm]?ts|[cm]?js|tsx)$/.test(name) ? [path] : [];
  });
}

test('the pattern catches every way of importing vscode', () => {
  const imports = [
    "import * as vscode from 'vscode';",
    'import { window } from "vscode";',
    "import type { Uri } from 'vscode';",
    "import 'vscode';",
    "export { Uri } from 'vscode';",
    "const vscode = require('vscode');",
    'const vscode = require ( "vscode" );',
    "const vscode = await import('vscode');",
    'import {\n  window,\n  workspace,\n} from "vscode";',
  ];
  for (const line of imports) assert.match(line, VSCODE_IMPORT, line);
});

test('the pattern leaves other modules and mere mentions alone', () => {
  const fine = [
    "import { request } from 'undici';",
    "import { URI } from 'vscode-uri';",
    "import type { Uri } from '@types/vscode';",
    '// the extension host provides vscode at run time',
    "const label = 'vscode';",
  ];
  for (const line of fine) assert.doesNotMatch(line, VSCODE_IMPORT, line);
});

test('no file under src/api or src/core imports vscode', () => {
  const files = FOLDERS.flatMap((folder) => sourceFiles(join(ROOT, folder)));
  assert.ok(files.some((file) => file.endsWith(join('api', 'client.ts'))), 'the walk finds the client');
  assert.ok(files.some((file) => file.endsWith(join('core', 'imageType.ts'))), 'the walk finds core files');
  const offenders = files.filter((file) => VSCODE_IMPORT.test(readFileSync(file, 'utf8'))).map((file) => relative(ROOT, file));
  assert.deepEqual(offenders, []);
});
