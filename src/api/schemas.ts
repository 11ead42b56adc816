// Shapes of every body the Nano Banana API sends or takes (../shared/api-contract.md).
// Responses are parsed, never trusted: fields we do not use are let through (loose objects),
// fields we rely on are checked.
import * as z from 'zod/mini';
import { ALL_RESOLUTIONS, ASPECT_RATIOS } from '../core/options';

const text = z.string().check(z.minLength(1));

export const GenerateRequest = z.object({
  action: z.literal('generate'),
  prompt: text,
  model: z.optional(text),
  count: z.optional(z.int().check(z.minimum(1), z.maximum(4))),
  aspect_ratio: z.optional(z.enum(ASPECT_RATIOS)),
  resolution: z.optional(z.enum(ALL_RESOLUTIONS)),
  callback_url: z.optional(z.url({ protocol: /^https?$/ })),
  async: z.optional(z.boolean()),
});

export const EditRequest = z.object({
  ...GenerateRequest.shape,
  action: z.literal('edit'),
  image_urls: z.array(text).check(z.minLength(1)),
});

export const ImagesRequest = z.discriminatedUnion('action', [GenerateRequest, EditRequest]);
export type ImagesRequest = z.infer<typeof ImagesRequest>;

export const ApiErrorObject = z.looseObject({
  code: z.optional(z.string()),
  message: z.optional(z.string()),
});

/** `{"success": false, "error": {...}, "trace_id": ...}`; `success` is missing in some of the vendor's examples. */
export const ErrorEnvelope = z.looseObject({
  success: z.optional(z.boolean()),
  error: ApiErrorObject,
  trace_id: z.optional(z.string()),
});

/** Both acknowledgement shapes: `{task_id, trace_id}` and `{success: true, task_id}`. */
export const Acknowledgement = z.looseObject({
  success: z.optional(z.boolean()),
  task_id: z.optional(z.string()),
  trace_id: z.optional(z.string()),
});

export const ResultImage = z.looseObject({
  prompt: z.optional(z.string()),
  image_url: z.optional(z.string()),
});

export const Cost = z.looseObject({
  amount: z.optional(z.number()),
  list_amount: z.optional(z.number()),
  currency: z.optional(z.string()),
});

/** A blocking response, a callback payload, and a task's `response` all share this shape; every field may be missing while pending. */
export const TaskResponse = z.looseObject({
  success: z.optional(z.boolean()),
  task_id: z.optional(z.string()),
  trace_id: z.optional(z.string()),
  data: z.optional(z.nullable(z.array(ResultImage))),
  error: z.optional(ApiErrorObject),
  cost: z.optional(Cost),
});
export type TaskResponse = z.infer<typeof TaskResponse>;

export const TaskRecord = z.looseObject({
  id: z.string(),
  type: z.optional(z.string()),
  trace_id: z.optional(z.string()),
  request: z.optional(z.unknown()),
  response: z.optional(z.nullable(TaskResponse)),
  created_at: z.optional(z.number()),
  started_at: z.optional(z.number()),
  finished_at: z.optional(z.number()),
  elapsed: z.optional(z.number()),
});
export type TaskRecord = z.infer<typeof TaskRecord>;

/** `retrieve` answers a record, or `{}` for an unknown id. */
export const RetrieveResponse = z.union([TaskRecord, z.strictObject({})]);

export const RetrieveBatchResponse = z.looseObject({
  items: z.array(TaskRecord),
  count: z.optional(z.number()),
});
