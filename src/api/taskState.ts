// A task record has no status field; its state is derived the way every vendor client derives it
// (../shared/api-contract.md). A pending snapshot must never be read as terminal.
import { t } from '../core/l10n';
import type { TaskResponse } from './schemas';

export type TaskState =
  | { state: 'pending' }
  | { state: 'succeeded'; imageUrls: string[] }
  | { state: 'failed'; code: string; message: string };

export function deriveTaskState(response: TaskResponse | null | undefined): TaskState {
  if (!response) return { state: 'pending' };
  const imageUrls = (response.data ?? [])
    .map((item) => item.image_url)
    .filter((url): url is string => typeof url === 'string' && url.length > 0);

  if (imageUrls.length > 0 && response.success !== false) return { state: 'succeeded', imageUrls };

  const error = response.error;
  if (error && (response.success === false || imageUrls.length === 0)) {
    return {
      state: 'failed',
      code: error.code || 'unknown',
      message: error.message || t('The service reported the task as failed without a reason.'),
    };
  }
  return { state: 'pending' };
}
