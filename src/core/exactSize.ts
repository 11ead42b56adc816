// A run's options once an exact size is chosen: what to ask the service for so the result can be cut to it.
import type { JobOptions } from '../model/job';
import { generationFor } from './imageGeometry';
import { ALL_RESOLUTIONS, fitResolution, supportedResolutions } from './options';
import type { PixelSize } from './pixelSize';

/**
 * The options with an exact size (or without one): the ratio nearest it, and the chosen resolution
 * raised where it is too small for a crop of the result to cover the size. The size stays as asked when
 * even the model's largest resolution is too small: the result is then upscaled, with a warning.
 */
export function withExactSize(options: JobOptions, size: PixelSize | undefined): JobOptions {
  if (!size) {
    const { exactSize: _dropped, ...rest } = options;
    return rest;
  }
  const needed = generationFor(size, supportedResolutions(options.model));
  const chosen = fitResolution(options.model, options.resolution);
  const order = (resolution: string) => (ALL_RESOLUTIONS as readonly string[]).indexOf(resolution);
  const resolution = order(chosen) > order(needed.resolution) ? chosen : needed.resolution;
  return { ...options, exactSize: { width: size.width, height: size.height }, aspectRatio: needed.aspectRatio, resolution };
}

