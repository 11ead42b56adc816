// Containment by real path, on a real disk: a link inside the workspace folder that leads out of it is
// found and named, whatever lies below it; links that stay inside, and paths not created yet, pass.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { realpath } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { linkLeadingOut } from '../../src/core/linkContainment';

const base = realpathSync(mkdtempSync(join(tmpdir(), 'containment-')));
after(() => rmSync(base, { recursive: true, force: true }));
const workspace = join(base, 'workspace');
const outside = join(base, 'outside');
mkdirSync(join(workspace, 'docs', 'images'), { recursive: true });
mkdirSync(outside);
writeFileSync(join(outside, 'secret.png'), 'x');
symlinkSync('../outside', join(workspace, 'assets'));
symlinkSync(join(outside, 'secret.png'), join(workspace, 'docs', 'logo.png'));
symlinkSync('docs/images', join(workspace, 'pictures'));

const real = (path: string) => realpath(path).catch(() => undefined);

test('a folder link that leads out is named, for the folder, a file below it and a folder not made yet', async () => {
  assert.equal(await linkLeadingOut(workspace, join(workspace, 'assets'), real), join(workspace, 'assets'));
  assert.equal(await linkLeadingOut(workspace, join(workspace, 'assets', 'generated', 'new'), real), join(workspace, 'assets'));
  assert.equal(await linkLeadingOut(workspace, join(workspace, 'assets', 'secret.png'), real), join(workspace, 'assets'));
});

test('a file link that leads out is named', async () => {
  assert.equal(await linkLeadingOut(workspace, join(workspace, 'docs', 'logo.png'), real), join(workspace, 'docs', 'logo.png'));
});

test('real folders, links that stay inside and paths not created yet pass', async () => {
  assert.equal(await linkLeadingOut(workspace, join(workspace, 'docs', 'images', 'robot.png'), real), undefined);
  assert.equal(await linkLeadingOut(workspace, join(workspace, 'pictures', 'robot.png'), real), undefined);
  assert.equal(await linkLeadingOut(workspace, join(workspace, 'new', 'deeper', 'robot.png'), real), undefined);
  assert.equal(await linkLeadingOut(workspace, workspace, real), undefined);
});

test('a workspace folder that is itself reached through a link is measured by its real location', async () => {
  const linkedWorkspace = join(base, 'linked-workspace');
  symlinkSync(workspace, linkedWorkspace);
  assert.equal(await linkLeadingOut(linkedWorkspace, join(linkedWorkspace, 'docs', 'images'), real), undefined);
  assert.equal(await linkLeadingOut(linkedWorkspace, join(linkedWorkspace, 'assets', 'x.png'), real), join(linkedWorkspace, 'assets'));
});
