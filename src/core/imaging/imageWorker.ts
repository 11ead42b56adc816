// The image worker's entry (dist/imageWorker.js): a worker thread, so decoding a 24-megapixel photo
// never blocks the extension host, and its memory goes back when the thread ends. It answers one
// request and is then ended by its host (src/services/imageWorkers.ts).
import { join } from 'node:path';
import { parentPort } from 'node:worker_threads';
import type { ImageWorkReply, ImageWorkRequest } from '../imageWork';
import { loadCodecs, UndecodableImage } from './codecs';
import { cutIcons, cutToSize, flattenOnWhite, matte, prepareForUpload } from './operations';

parentPort?.once('message', async (request: ImageWorkRequest) => {
  let reply: ImageWorkReply;
  try {
    // The .wasm files ship beside this bundle in dist/.
    const codecs = await loadCodecs((name) => join(__dirname, name));
    const result =
      request.op === 'prepareForUpload' ? await prepareForUpload(codecs, request.bytes)
      : request.op === 'flattenOnWhite' ? await flattenOnWhite(codecs, request.bytes)
      : request.op === 'cutToSize' ? await cutToSize(codecs, request.bytes, request.size, request.trim)
      : request.op === 'cutIcons' ? await cutIcons(codecs, request.bytes, request.sizes, request.trim)
      : await matte(codecs, request.white, request.black);
    reply = { ok: true, result };
  } catch (error) {
    reply = error instanceof UndecodableImage ? { ok: false, undecodable: error.reason, message: error.message } : { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  parentPort?.postMessage(reply);
});
