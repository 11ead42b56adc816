// Which models, ratios, resolutions and counts to offer, and what to pre-select.
import type { JobAction, JobOptions } from '../model/job';
import { t } from './l10n';
import { formatPixelSize } from './pixelSize';

/** What the service accepts (src/api/schemas.ts checks requests against these), in the order offered. */
export const ASPECT_RATIOS = ['1:1', '3:2', '2:3', '16:9', '9:16', '4:3', '3:4'] as const;
export const ALL_RESOLUTIONS = ['1K', '2K', '4K'] as const;

export interface ModelInfo {
  id: string;
  description: string;
}

/** A function, so the descriptions are translated once the display language's bundle is loaded. */
export function knownModels(): readonly ModelInfo[] {
  return [
    { id: 'nano-banana', description: t('Gemini 2.5 Flash Image: fast, low cost, 1K') },
    { id: 'nano-banana-2-lite', description: t('Lightweight Gemini 3.1 Flash Image, 1K') },
    { id: 'nano-banana-2', description: t('Gemini 3.1 Flash Image: Pro quality at Flash speed, up to 4K') },
    { id: 'nano-banana-pro', description: t('Gemini 3 Pro Image: highest quality, up to 4K') },
  ];
}

const ONE_K_ONLY = new Set(['nano-banana', 'nano-banana-2-lite']);

/** `:official` variants share their base model's limits; unknown (newer) models are not restricted here. */
export function supportedResolutions(model: string): string[] {
  return ONE_K_ONLY.has(model.replace(/:official$/, '')) ? ['1K'] : [...ALL_RESOLUTIONS];
}

export interface OptionDefaults {
  model: string;
  aspectRatio: string;
  resolution: string;
  count: number;
}

/**
 * The options a run starts with: the last choice for this kind of job, else the settings.
 * An edit keeps the input's ratio unless the user picked one, because sending `1:1` would override it.
 */
export function initialOptions(action: JobAction, settings: OptionDefaults, last?: JobOptions): JobOptions {
  const model = last?.model ?? settings.model;
  const aspectRatio = action === 'edit' ? last?.aspectRatio : last?.aspectRatio ?? validRatio(settings.aspectRatio);
  return {
    model,
    aspectRatio,
    resolution: fitResolution(model, last?.resolution ?? settings.resolution),
    count: clampCount(last?.count ?? settings.count),
  };
}

export function fitResolution(model: string, resolution: string): string {
  const supported = supportedResolutions(model);
  return supported.includes(resolution) ? resolution : supported[0];
}

export function clampCount(count: number): number {
  return Number.isInteger(count) ? Math.min(4, Math.max(1, count)) : 1;
}

function validRatio(ratio: string): string {
  return (ASPECT_RATIOS as readonly string[]).includes(ratio) ? ratio : '1:1';
}

export function describeOptions(options: JobOptions): string {
  const ratio = options.exactSize ? `${formatPixelSize(options.exactSize)} (${options.aspectRatio})` : options.aspectRatio ?? t('input ratio');
  const images = options.count === 1 ? t('1 image') : t('{0} images', options.count);
  return `${options.model} · ${ratio} · ${options.resolution} · ${images}`;
}
