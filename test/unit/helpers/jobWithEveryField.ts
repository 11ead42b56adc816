// A job that carries every field of JobRecord, at every depth, and a way to find the fields a schema
// keeps only because it is loose. A field added to JobRecord fails the type check here until the job
// below has it; the history's tests then fail until its schema declares it.
import type { ZodMiniType } from 'zod/mini';
import type { JobRecord } from '../../../src/model/job';

/** Every optional field made required, at every depth (arrays' elements included). */
export type DeepRequired<T> = T extends readonly (infer Element)[]
  ? DeepRequired<Element>[]
  : T extends object
    ? { [Key in keyof T]-?: DeepRequired<NonNullable<T[Key]>> }
    : T;

// Each value differs from its neighbours and from any default, so a field read into another's place shows.
export const jobWithEveryField: DeepRequired<JobRecord> = {
  id: 'job-every-field',
  action: 'edit',
  prompt: 'a banana astronaut on a social card',
  options: { model: 'nano-banana-2', aspectRatio: '16:9', resolution: '2K', count: 3, noStyle: false, exactSize: { width: 1200, height: 630 } },
  sourceImages: ['file:///ws/photos/input.png'],
  targetFolder: 'file:///ws/art/cards',
  taskId: 'task-7',
  traceId: 'trace-8',
  stage: 'saved',
  images: [
    { uri: 'file:///ws/art/cards/card.png', label: 'art/cards/card.png', mime: 'image/png', width: 1200, height: 630, bytes: 4096 },
    { uri: 'file:///ws/art/cards/card-2.jpg', label: 'art/cards/card-2.jpg', mime: 'image/jpeg', width: 1201, height: 631, bytes: 2048 },
  ],
  error: 'The second variation could not be cut to 1200×630.',
  warnings: ['art/cards/card.png was enlarged to 1200×630 from a 1024×538 crop'],
  createdAt: 1_700_000_000_000,
  finishedAt: 1_700_000_012_345,
  cost: { amount: 2, listAmount: 2.5, currency: 'credit' },
  style: { text: 'flat pastel ink', images: ['design/palette.png'] },
  linkedFrom: { document: 'file:///ws/docs/launch.md', kind: 'reference' },
  kept: 1,
};

type Def = { type: string; shape?: Record<string, ZodMiniType>; innerType?: ZodMiniType; element?: ZodMiniType; options?: ZodMiniType[] };

/**
 * Paths in `value` that `schema` does not declare: a loose object keeps them all the same, so only
 * this tells a field the schema validates from one it merely carries along.
 */
export function undeclaredFields(schema: ZodMiniType, value: unknown, path = '$'): string[] {
  const def = schema.def as Def;
  if (def.type === 'optional' && def.innerType) return value === undefined ? [] : undeclaredFields(def.innerType, value, path);
  if (def.type === 'array' && def.element && Array.isArray(value)) return value.flatMap((item, at) => undeclaredFields(def.element!, item, `${path}[${at}]`));
  if (def.type === 'union' && def.options) {
    const variant = def.options.find((option) => option.safeParse(value).success);
    return variant ? undeclaredFields(variant, value, path) : [];
  }
  if (def.type !== 'object' || !def.shape || typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, field]) => {
    const declared = def.shape![key];
    return declared ? undeclaredFields(declared, field, `${path}.${key}`) : [`${path}.${key}`];
  });
}
