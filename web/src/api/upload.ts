import { reportUnavailable } from './availability';
import { CSRF_HEADER, csrfToken } from './csrf';
import { ApiError, toApiError } from './problems';
import type { components } from './schema';
import { redirectToSignIn } from './sign-in';

type WriteResult = components['schemas']['WriteResult'];

/**
 * Uploads an evidence item's content (`PUT …/evidence/{evidenceId}/content`, application/octet-stream) with
 * XMLHttpRequest, because fetch reports no upload progress. `onProgress` gets the fraction sent, 0 to 1.
 * The path is the OpenAPI operation's; the answer is its WriteResult.
 */
export function uploadEvidenceContent(
  incidentId: string,
  evidenceId: string,
  file: Blob,
  { onProgress, signal }: { onProgress: (fraction: number) => void; signal?: AbortSignal },
): Promise<WriteResult> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', `/v1/incidents/${encodeURIComponent(incidentId)}/evidence/${encodeURIComponent(evidenceId)}/content`);
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.setRequestHeader('Accept', 'application/json');
    const token = csrfToken();
    if (token) xhr.setRequestHeader(CSRF_HEADER, token);
    xhr.responseType = 'text';
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      let body: unknown;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        body = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1);
        resolve(body as WriteResult);
        return;
      }
      if (xhr.status === 401) redirectToSignIn();
      if (xhr.status === 503) reportUnavailable();
      const headers = new Headers();
      const retryAfter = xhr.getResponseHeader('Retry-After');
      if (retryAfter) headers.set('Retry-After', retryAfter);
      reject(toApiError({ status: xhr.status, statusText: xhr.statusText, headers }, body));
    };
    xhr.onerror = () => {
      reportUnavailable();
      reject(toApiError(undefined, undefined));
    };
    xhr.onabort = () => reject(new ApiError(0, { type: 'about:blank', title: 'Upload cancelled', status: 0, detail: 'The upload was cancelled; nothing was stored.', instance: '', requestId: '' }, null));
    signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(file);
  });
}
