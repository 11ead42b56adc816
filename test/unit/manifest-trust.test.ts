// A cloned repository must not choose what the user is billed, nor what is uploaded: in a workspace they
// have not trusted, VS Code ignores its values of the settings that set the cost, skip the options step, or
// add a style and the images sent with it.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

const manifest = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'package.json'), 'utf8'));

test('[security:workspace-cost-settings] [security:style-images-untrusted] untrusted workspaces get limited support, with the cost and style settings restricted', () => {
  const untrusted = manifest.capabilities.untrustedWorkspaces;
  assert.equal(untrusted.supported, 'limited');
  assert.deepEqual([...untrusted.restrictedConfigurations].sort(), ['nanoBanana.askForOptions', 'nanoBanana.count', 'nanoBanana.model', 'nanoBanana.resolution', 'nanoBanana.style', 'nanoBanana.styleImages']);
  assert.match(untrusted.description, /^%.+%$/, 'the description is localized');
  for (const key of untrusted.restrictedConfigurations) assert.ok(manifest.contributes.configuration.properties[key], `${key} is a contributed setting`);
});
