// Runs image work (src/core/imaging) on a worker thread started for the one request and ended after it:
// the codecs load only when an image is first cut or shrunk, never at activation, the extension host
// stays responsive while a large photo is decoded, and the worker's memory is returned at once.
// A hostile image cannot take the extension host down with it: one that claims more pixels than may be
// decoded is refused from its header before any thread starts, the thread runs under resourceLimits,
// and a thread that hits them fails only its own request.
import { Worker, type ResourceLimits } from 'node:worker_threads';
import { decodeRefusal, ImageWorkError, requestImages, resultRefusal, type ImageWorkReply, type ImageWorkRequest, type ImageWorkResults } from '../core/imageWork';
import { t } from '../core/l10n';

/**
 * The decoded pixels live outside the JavaScript heap (typed arrays, WebAssembly memory) and are bounded
 * by the pixel limit; the heap itself holds little, so a heap that keeps growing is a runaway.
 */
export const WORKER_LIMITS: ResourceLimits = { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 32 };

export class ImageWorkers {
  /** `workerFile`: dist/imageWorker.js of the installed extension. */
  constructor(
    private readonly workerFile: string,
    private readonly limits: ResourceLimits = WORKER_LIMITS,
  ) {}

  run<Op extends ImageWorkRequest['op']>(request: Extract<ImageWorkRequest, { op: Op }>, signal?: AbortSignal): Promise<ImageWorkResults[Op]> {
    signal?.throwIfAborted();
    const refusal = requestImages(request).map(decodeRefusal).find((one) => one !== undefined);
    if (refusal) return Promise.reject(refusal);
    const worker = new Worker(this.workerFile, { resourceLimits: this.limits });
    let abort = () => {};
    return new Promise<ImageWorkResults[Op]>((resolve, reject) => {
      abort = () => reject(signal?.reason);
      signal?.addEventListener('abort', abort, { once: true });
      worker.once('message', (reply: ImageWorkReply) => {
        if (!reply.ok) return reject(new ImageWorkError(reply.message, reply.undecodable));
        const wrong = resultRefusal(request, reply.result);
        if (wrong) reject(wrong);
        else resolve(reply.result as ImageWorkResults[Op]);
      });
      worker.once('error', (error) => reject(this.failure(error)));
      worker.once('exit', (code) => reject(new ImageWorkError(`the image worker stopped before answering (exit code ${code})`)));
      worker.postMessage(request);
    }).finally(() => {
      signal?.removeEventListener('abort', abort);
      void worker.terminate();
    });
  }

  private failure(error: Error): ImageWorkError {
    if ((error as NodeJS.ErrnoException).code !== 'ERR_WORKER_OUT_OF_MEMORY') return new ImageWorkError(error.message);
    return new ImageWorkError(t('processing it needed more memory than the image worker may use ({0} MB), so the worker was stopped', this.limits.maxOldGenerationSizeMb ?? '?'));
  }
}
