// Every body shape of ../shared/api-contract.md against the client's schemas, using the vendor's own
// example fixtures where the contract gives them.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  Acknowledgement, EditRequest, ErrorEnvelope, GenerateRequest, ImagesRequest,
  RetrieveBatchResponse, RetrieveResponse, TaskRecord, TaskResponse,
} from '../../src/api/schemas';
import { ASPECT_RATIOS } from '../../src/core/options';

const PORTRAIT_PROMPT =
  'A photorealistic close-up portrait of an elderly Japanese ceramicist with deep, sun-etched wrinkles and a warm, knowing smile.';

/** The vendor's blocking generate answer. */
const generateSuccess = {
  success: true,
  task_id: '056f0589-a3dd-4ec2-8440-ad61f5038dfa',
  trace_id: 'c48de83f-0077-426e-b02b-ff1d58179064',
  data: [
    {
      prompt: PORTRAIT_PROMPT,
      image_url: 'https://platform.cdn.acedata.cloud/nanobanana/69790adb-c85d-4362-ad9e-0c9ba4352cf4.png',
    },
  ],
};

/** The vendor's finished task record (ids shortened in the contract, full length here). */
const finishedRecord = {
  _id: '68bc1c2c550a6b5b2e3e4f1a',
  id: '4d320ead-2a6c-4b1e-9b0e-6f2f5c7d8e9a',
  type: 'images',
  trace_id: 'b1f0c1f2-0f0e-4f6b-9a7c-2d1e3f4a5b6c',
  api_id: 'a1', application_id: 'b2', credential_id: 'c3', user_id: 'd4',
  request: { action: 'generate', prompt: 'a white siamese cat' },
  response: {
    success: true,
    task_id: '4d320ead-2a6c-4b1e-9b0e-6f2f5c7d8e9a',
    trace_id: 'b1f0c1f2-0f0e-4f6b-9a7c-2d1e3f4a5b6c',
    data: [{ prompt: 'a white siamese cat', image_url: 'https://cdn.acedata2.cloud/nanobanana/' + 'ab'.repeat(32) + '.jpg' }],
    cost: { amount: 0.5, list_amount: 0.6, currency: 'credit' },
  },
  created_at: 1757183036.787,
  started_at: 1757183036.847,
  finished_at: 1757183048.147,
  elapsed: 11.3,
};

describe('generate and edit requests', () => {
  test('the vendor generate example is valid and keeps its fields', () => {
    const body = { action: 'generate', prompt: PORTRAIT_PROMPT, count: 1 };
    const parsed = ImagesRequest.parse(body);
    assert.deepEqual(parsed, body);
  });

  test('the vendor edit example is valid', () => {
    const body = {
      action: 'edit',
      prompt: 'let this man wear on this T-shirt',
      image_urls: ['https://cdn.acedata.cloud/v8073y.png', 'https://cdn.acedata.cloud/44xlah.png'],
      count: 1,
    };
    assert.deepEqual(ImagesRequest.parse(body), body);
    assert.ok(EditRequest.safeParse(body).success);
  });

  test('an edit may carry a data URI instead of a URL', () => {
    const body = { action: 'edit', prompt: 'brighter', image_urls: ['data:image/png;base64,iVBORw0KGgo='] };
    assert.ok(ImagesRequest.safeParse(body).success);
  });

  test('every optional field of the contract is accepted', () => {
    for (const aspect_ratio of ASPECT_RATIOS) {
      const body = {
        action: 'generate', prompt: 'x', model: 'nano-banana-pro:official', count: 4, aspect_ratio,
        resolution: '4K', callback_url: 'https://hooks.example.com/nb', async: true,
      };
      assert.ok(GenerateRequest.safeParse(body).success, aspect_ratio);
    }
  });

  test('a model name the client does not know yet is passed through', () => {
    const parsed = ImagesRequest.parse({ action: 'generate', prompt: 'x', model: 'nano-banana-2.1' });
    assert.equal(parsed.model, 'nano-banana-2.1');
  });

  const invalid: Array<[string, object]> = [
    ['missing prompt', { action: 'generate' }],
    ['empty prompt', { action: 'generate', prompt: '' }],
    ['count 0', { action: 'generate', prompt: 'x', count: 0 }],
    ['count 5', { action: 'generate', prompt: 'x', count: 5 }],
    ['fractional count', { action: 'generate', prompt: 'x', count: 1.5 }],
    ['aspect ratio 5:4', { action: 'generate', prompt: 'x', aspect_ratio: '5:4' }],
    ['aspect ratio 1x1', { action: 'generate', prompt: 'x', aspect_ratio: '1x1' }],
    ['resolution 8K', { action: 'generate', prompt: 'x', resolution: '8K' }],
    ['edit without image_urls', { action: 'edit', prompt: 'x' }],
    ['edit with empty image_urls', { action: 'edit', prompt: 'x', image_urls: [] }],
    ['unknown action', { action: 'upscale', prompt: 'x' }],
    ['non-http callback', { action: 'generate', prompt: 'x', callback_url: 'file:///etc/passwd' }],
  ];
  for (const [name, body] of invalid) {
    test(`rejected: ${name}`, () => {
      assert.equal(ImagesRequest.safeParse(body).success, false);
    });
  }
});

describe('acknowledgements', () => {
  test('{task_id, trace_id}', () => {
    const ack = Acknowledgement.parse({ task_id: 't-1', trace_id: 'tr-1' });
    assert.equal(ack.task_id, 't-1');
    assert.equal(ack.trace_id, 'tr-1');
    assert.equal(ack.success, undefined);
  });

  test('{success: true, task_id}', () => {
    const ack = Acknowledgement.parse({ success: true, task_id: 't-2' });
    assert.equal(ack.task_id, 't-2');
    assert.equal(ack.success, true);
  });

  test('a task id of the wrong type is not an acknowledgement', () => {
    assert.equal(Acknowledgement.safeParse({ task_id: 42 }).success, false);
  });
});

describe('success bodies', () => {
  test('the vendor generate answer, prompt echoed', () => {
    const parsed = TaskResponse.parse(generateSuccess);
    assert.equal(parsed.data?.[0]?.prompt, PORTRAIT_PROMPT);
    assert.equal(parsed.data?.[0]?.image_url, generateSuccess.data[0]!.image_url);
  });

  test('data[].prompt missing', () => {
    const parsed = TaskResponse.parse({ ...generateSuccess, data: [{ image_url: 'https://cdn.acedata.cloud/a.png' }] });
    assert.equal(parsed.data?.[0]?.prompt, undefined);
    assert.equal(parsed.data?.[0]?.image_url, 'https://cdn.acedata.cloud/a.png');
  });

  test('fields the client does not use are kept (loose)', () => {
    const parsed = TaskResponse.parse({ ...generateSuccess, extra: 'kept' }) as Record<string, unknown>;
    assert.equal(parsed.extra, 'kept');
  });

  test('an image_url that is not a string is refused', () => {
    assert.equal(TaskResponse.safeParse({ success: true, data: [{ image_url: 7 }] }).success, false);
  });
});

describe('task records', () => {
  test('the vendor finished record', () => {
    const record = TaskRecord.parse(finishedRecord);
    assert.equal(record.id, finishedRecord.id);
    assert.equal(record.elapsed, 11.3);
    assert.equal(record.response?.cost?.amount, 0.5);
    assert.equal((record as Record<string, unknown>).user_id, 'd4');
  });

  test('a record with no response yet', () => {
    const { response: _unused, finished_at: _f, elapsed: _e, ...pending } = finishedRecord;
    const record = TaskRecord.parse(pending);
    assert.equal(record.response, undefined);
  });

  test('a record without id is not a record', () => {
    const { id: _unused, ...noId } = finishedRecord;
    assert.equal(TaskRecord.safeParse(noId).success, false);
  });

  test('retrieve: a record', () => {
    const parsed = RetrieveResponse.parse(finishedRecord);
    assert.ok('id' in parsed);
    assert.equal((parsed as { id: string }).id, finishedRecord.id);
  });

  test('retrieve: {} for an unknown id', () => {
    const parsed = RetrieveResponse.parse({});
    assert.equal('id' in parsed, false);
  });

  test('retrieve: neither a record nor {} is refused', () => {
    assert.equal(RetrieveResponse.safeParse({ unexpected: true }).success, false);
    assert.equal(RetrieveResponse.safeParse([]).success, false);
  });

  test('retrieve_batch: items and count', () => {
    const parsed = RetrieveBatchResponse.parse({ items: [finishedRecord, { id: 'x', type: 'images' }], count: 2 });
    assert.deepEqual(parsed.items.map((item) => item.id), [finishedRecord.id, 'x']);
    assert.equal(parsed.count, 2);
  });

  test('retrieve_batch: empty (the token check)', () => {
    assert.deepEqual(RetrieveBatchResponse.parse({ items: [], count: 0 }).items, []);
  });

  test('retrieve_batch: no items array is refused', () => {
    assert.equal(RetrieveBatchResponse.safeParse({ count: 0 }).success, false);
    assert.equal(RetrieveBatchResponse.safeParse({ items: [{}] }).success, false);
  });
});

describe('error envelopes', () => {
  test('with success: false', () => {
    const parsed = ErrorEnvelope.parse({
      success: false,
      error: { code: 'used_up', message: 'Your balance is not sufficient for current request, please buy more.' },
      trace_id: 'tr-9',
    });
    assert.equal(parsed.error.code, 'used_up');
    assert.equal(parsed.trace_id, 'tr-9');
    assert.equal(parsed.success, false);
  });

  test('without success', () => {
    const parsed = ErrorEnvelope.parse({ error: { code: 'invalid_token', message: 'The specified token is invalid or wrong.' }, trace_id: 'tr-8' });
    assert.equal(parsed.error.code, 'invalid_token');
    assert.equal(parsed.success, undefined);
  });

  test('a success body is not an error envelope', () => {
    assert.equal(ErrorEnvelope.safeParse(generateSuccess).success, false);
  });
});
