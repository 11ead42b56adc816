// Checks a submit body the way the service does: the first problem found becomes a 400
// `bad_request` with a message naming the field.

export interface SubmitRequest {
  action: 'generate' | 'edit';
  prompt: string;
  model?: string;
  image_urls?: string[];
  count?: number;
  aspect_ratio?: string;
  resolution?: string;
  callback_url?: string;
  async?: boolean;
}

const MODELS = ['nano-banana', 'nano-banana-2-lite', 'nano-banana-2', 'nano-banana-pro', 'nano-banana-2.1'];
const ONE_K_ONLY = new Set(['nano-banana', 'nano-banana-2-lite']);
const ASPECT_RATIOS = ['1:1', '3:2', '2:3', '16:9', '9:16', '4:3', '3:4'];
const RESOLUTIONS = ['1K', '2K', '4K'];
const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
const DATA_URI = /^data:image\/[a-z0-9.+-]+;base64,/i;

function baseModel(model: string): string {
  return model.endsWith(':official') ? model.slice(0, -':official'.length) : model;
}

function isHttpUrl(value: string): boolean {
  try {
    const { protocol } = new URL(value);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

/** Decoded size from the base64 length, without decoding 10 MB just to measure it. */
function dataUriBytes(uri: string): number {
  const length = uri.length - uri.indexOf(',') - 1;
  const padding = uri.endsWith('==') ? 2 : uri.endsWith('=') ? 1 : 0;
  return Math.floor((length * 3) / 4) - padding;
}

function imageUrlsProblem(value: unknown, action: string): string | undefined {
  if (value === undefined) return action === 'edit' ? 'image_urls is required for edit.' : undefined;
  if (!Array.isArray(value)) return 'image_urls must be an array of URLs.';
  if (action === 'edit' && value.length === 0) return 'image_urls is required for edit.';
  for (const [index, url] of value.entries()) {
    if (typeof url !== 'string') return `image_urls[${index}] must be a string.`;
    if (DATA_URI.test(url)) {
      if (dataUriBytes(url) > MAX_IMAGE_BYTES) return `image_urls[${index}] is larger than 10 MB.`;
    } else if (!isHttpUrl(url)) {
      return `image_urls[${index}] must be an http(s) URL or a data:image/...;base64, URI.`;
    }
  }
  return undefined;
}

export function validateSubmit(body: unknown): { request: SubmitRequest } | { problem: string } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { problem: 'request body must be a JSON object.' };
  const b = body as Record<string, unknown>;
  if (b.action !== 'generate' && b.action !== 'edit') return { problem: 'action is invalid, it must be generate or edit.' };
  if (typeof b.prompt !== 'string' || b.prompt.trim() === '') return { problem: 'prompt is required.' };
  if (b.model !== undefined && (typeof b.model !== 'string' || !MODELS.includes(baseModel(b.model)))) {
    return { problem: 'model is invalid.' };
  }
  const urlsProblem = imageUrlsProblem(b.image_urls, b.action);
  if (urlsProblem) return { problem: urlsProblem };
  if (b.count !== undefined && (!Number.isInteger(b.count) || (b.count as number) < 1 || (b.count as number) > 4)) {
    return { problem: 'count must be an integer from 1 to 4.' };
  }
  if (b.aspect_ratio !== undefined && !ASPECT_RATIOS.includes(b.aspect_ratio as string)) {
    return { problem: `aspect_ratio is invalid, it must be one of ${ASPECT_RATIOS.join(', ')}.` };
  }
  if (b.resolution !== undefined) {
    if (!RESOLUTIONS.includes(b.resolution as string)) return { problem: 'resolution is invalid, it must be 1K, 2K or 4K.' };
    const model = baseModel((b.model as string | undefined) ?? 'nano-banana');
    if (b.resolution !== '1K' && ONE_K_ONLY.has(model)) return { problem: `resolution ${b.resolution} is not supported by ${model}.` };
  }
  if (b.callback_url !== undefined && (typeof b.callback_url !== 'string' || !isHttpUrl(b.callback_url))) {
    return { problem: 'callback_url must be an http(s) URL.' };
  }
  if (b.async !== undefined && typeof b.async !== 'boolean') return { problem: 'async must be a boolean.' };
  return { request: b as unknown as SubmitRequest };
}
