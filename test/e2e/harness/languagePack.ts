// VS Code runs in a display language only when a language pack for it is known; otherwise
// `--locale` falls back to English and extensions' translated strings are never loaded. The
// fixture pack under test/e2e/fixtures/ declares zh-cn (and translates nothing of VS Code itself),
// which is enough for our own package.nls.zh-cn.json and l10n bundle to be used.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CodeServerDirs } from './code-server';
import { FIXTURES_DIR } from './paths';
import { packFixtureExtension } from './vsix';

interface PackManifest {
  name: string;
  publisher: string;
  version: string;
  contributes: { localizations: Array<{ languageId: string; localizedLanguageName: string; translations: Array<{ id: string; path: string }> }> };
}

/** Packs the fixture language pack for `locale` into the session's folder and returns the .vsix path. */
export function packLanguagePack(locale: string, dirs: CodeServerDirs): string {
  fixtureFolder(locale);
  return packFixtureExtension(`language-pack-${locale.toLowerCase()}`, join(dirs.root, `language-pack-${locale.toLowerCase()}.vsix`));
}

/**
 * The server reads `languagepacks.json` when it starts, but only a running server writes it (on an
 * install through its UI); an install from the command line leaves it out. Written here in the
 * shape VS Code's own LanguagePacksCache gives it, for the pack installed into `dirs.extensionsDir`.
 */
export function registerLanguagePack(locale: string, dirs: CodeServerDirs): void {
  const manifest = JSON.parse(readFileSync(join(fixtureFolder(locale), 'package.json'), 'utf8')) as PackManifest;
  const id = `${manifest.publisher}.${manifest.name}`;
  const installed = join(dirs.extensionsDir, `${id}-${manifest.version}`);
  const packs = Object.fromEntries(
    manifest.contributes.localizations.map((localization) => [
      localization.languageId,
      {
        hash: createHash('md5').update(id).update(manifest.version).digest('hex'),
        extensions: [{ extensionIdentifier: { id }, version: manifest.version }],
        translations: Object.fromEntries(localization.translations.map((t) => [t.id, join(installed, t.path)])),
        label: localization.localizedLanguageName,
      },
    ]),
  );
  writeFileSync(join(dirs.userDataDir, 'languagepacks.json'), JSON.stringify(packs));
}

function fixtureFolder(locale: string): string {
  const folder = join(FIXTURES_DIR, `language-pack-${locale.toLowerCase()}`);
  if (!existsSync(folder)) throw new Error(`No fixture language pack for locale ${locale} (expected ${folder})`);
  return folder;
}
