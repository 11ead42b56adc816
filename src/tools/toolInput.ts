// The language-model tools' input, checked before anything is submitted or billed. No `vscode` import:
// an agent's mistakes are refused here with a sentence it can act on, and the rules are tested in Node.
// Texts are English on purpose: they are read by the model, which answers the user in their language.
import { posix } from 'node:path';
import { ALL_RESOLUTIONS, ASPECT_RATIOS, initialOptions, knownModels, supportedResolutions, type OptionDefaults } from '../core/options';
import { isInsideFolder } from '../core/outputPath';
import type { JobAction, JobOptions } from '../model/job';

/** The model names a tool accepts: the known ones and their `:official` variants. */
export function toolModels(): string[] {
  return knownModels().flatMap((model) => [model.id, `${model.id}:official`]);
}

export class ToolInputError extends Error {
  override name = 'ToolInputError';
}

export interface OptionsInput {
  model?: unknown;
  aspectRatio?: unknown;
  resolution?: unknown;
  count?: unknown;
}

/**
 * The job's options: each given field checked, the others from the settings. An edit without a ratio keeps
 * the input's, and makes one image unless told otherwise: an agent editing a picture wants one result.
 */
export function toolOptions(action: JobAction, input: OptionsInput, settings: OptionDefaults): JobOptions {
  const model = optionalString(input.model, 'model') ?? settings.model;
  if (input.model !== undefined && !toolModels().includes(model)) {
    throw new ToolInputError(`Unknown model "${model}". Use one of: ${toolModels().join(', ')}.`);
  }
  const aspectRatio = optionalString(input.aspectRatio, 'aspectRatio');
  if (aspectRatio !== undefined && !(ASPECT_RATIOS as readonly string[]).includes(aspectRatio)) {
    throw new ToolInputError(`Unknown aspectRatio "${aspectRatio}". Use one of: ${ASPECT_RATIOS.join(', ')}.`);
  }
  const resolution = optionalString(input.resolution, 'resolution');
  if (resolution !== undefined) {
    if (!(ALL_RESOLUTIONS as readonly string[]).includes(resolution)) {
      throw new ToolInputError(`Unknown resolution "${resolution}". Use one of: ${ALL_RESOLUTIONS.join(', ')}.`);
    }
    if (!supportedResolutions(model).includes(resolution)) {
      throw new ToolInputError(`The model ${model} makes ${supportedResolutions(model).join(', ')} images only; for ${resolution} use nano-banana-2 or nano-banana-pro.`);
    }
  }
  if (input.count !== undefined && !(Number.isInteger(input.count) && (input.count as number) >= 1 && (input.count as number) <= 4)) {
    throw new ToolInputError(`count must be a whole number from 1 to 4 (each image is billed); got ${JSON.stringify(input.count)}.`);
  }
  const defaults = initialOptions(action, { ...settings, model });
  return {
    model,
    aspectRatio: aspectRatio ?? defaults.aspectRatio,
    resolution: resolution ?? defaults.resolution,
    count: (input.count as number | undefined) ?? (action === 'edit' ? 1 : defaults.count),
  };
}

export function requiredPrompt(value: unknown): string {
  const prompt = typeof value === 'string' ? value.trim() : '';
  if (!prompt) throw new ToolInputError('prompt is required: describe the image to make (or the change, for an edit).');
  return prompt;
}

/**
 * A path the agent gave, relative to the workspace folder (an absolute one inside it is accepted too),
 * as an absolute POSIX path below `root`. Refused when it leaves the workspace folder.
 */
export function workspacePath(root: string, value: unknown, field: string): string {
  const given = typeof value === 'string' ? value.trim().replace(/\\/g, '/') : '';
  if (!given) throw new ToolInputError(`${field} must be a non-empty path relative to the workspace folder.`);
  const absolute = /^[a-z]:\//i.test(given) ? `/${given}` : given;
  const resolved = posix.resolve(root, absolute);
  if (!isInsideFolder(root, resolved) || resolved === posix.resolve(root)) {
    throw new ToolInputError(`${field} "${given}" is outside the workspace folder. Use a path relative to it, such as site/img/hero.png.`);
  }
  return resolved;
}

const OUTPUT_EXTENSIONS = /\.(png|jpe?g|webp)$/i;

type OutputTarget = { folder: string; fileName?: string };

/**
 * Where a result goes: `site/img/hero.png` names the file (its extension follows the bytes that arrive),
 * `site/img/` or `site/img` (no extension) names the folder, and the file is named as the command would.
 */
export function outputTarget(root: string, value: unknown): OutputTarget {
  const resolved = workspacePath(root, value, 'path');
  const endsWithSlash = /[\\/]\s*$/.test(String(value));
  const name = posix.basename(resolved);
  if (endsWithSlash || !name.includes('.')) return { folder: resolved };
  if (!OUTPUT_EXTENSIONS.test(name)) {
    throw new ToolInputError(`path "${String(value).trim()}" must end in .png, .jpg, .jpeg or .webp (the service returns PNG or JPEG images), or name a folder.`);
  }
  return { folder: posix.dirname(resolved), fileName: name };
}

function optionalString(value: unknown, field: string): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw new ToolInputError(`${field} must be a string; got ${JSON.stringify(value)}.`);
  return value.trim();
}

/** The list of input image paths of an edit. */
export function imagePaths(value: unknown): string[] {
  const list = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list) || list.length === 0 || !list.every((item) => typeof item === 'string' && item.trim())) {
    throw new ToolInputError('images is required: a list of one or more workspace-relative paths of PNG, JPEG or WebP files.');
  }
  return list as string[];
}

const DOCUMENT_EXTENSIONS = /\.(md|markdown|html?)$/i;

export function documentPath(root: string, value: unknown): string {
  const resolved = workspacePath(root, value, 'file');
  if (!DOCUMENT_EXTENSIONS.test(resolved)) {
    throw new ToolInputError(`file "${String(value).trim()}" is not a Markdown or HTML file (.md, .markdown, .html, .htm).`);
  }
  return resolved;
}
