import { ErrorBodySchema, type ErrorDetail } from '@agent-crm/contracts';

/** Anything with a zod-like `parse`; the contracts schemas fit. */
export interface Parser<T> {
  parse: (data: unknown) => T;
}

/** The one error every failed API call becomes; callers switch on `code`, never on `message`. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: ErrorDetail[];

  constructor(status: number, code: string, message: string, details: ErrorDetail[] = []) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

export function isApiError(error: unknown, code?: string): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type Query = Record<string, string | number | null | undefined>;

interface RequestOptions {
  method?: Method;
  body?: unknown;
  query?: Query;
  signal?: AbortSignal;
}

const API_BASE = '/api/v1';

export function buildApiUrl(path: string, query?: Query): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const queryString = search.toString();
  return `${API_BASE}${path}${queryString ? `?${queryString}` : ''}`;
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function toApiError(response: Pick<Response, 'status' | 'statusText'>, body: unknown): ApiError {
  const parsed = ErrorBodySchema.safeParse(body);
  if (parsed.success) {
    const { code, message, details } = parsed.data.error;
    return new ApiError(response.status, code, message, details ?? []);
  }
  return new ApiError(
    response.status,
    response.status >= 500 ? 'internal_error' : 'unknown_error',
    `The server answered ${response.status} ${response.statusText}`.trim(),
  );
}

/**
 * The single HTTP client of the admin app. Sends JSON with the session cookie, turns error
 * bodies into `ApiError`, and parses successful bodies with the given contracts schema.
 */
export async function apiRequest(path: string, options?: RequestOptions): Promise<void>;
export async function apiRequest<T>(
  path: string,
  options: RequestOptions & { schema: Parser<T> },
): Promise<T>;
export async function apiRequest<T>(
  path: string,
  options: RequestOptions & { schema?: Parser<T> } = {},
): Promise<T | undefined> {
  const { method = 'GET', body, query, signal, schema } = options;
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';

  let response: Response;
  try {
    response = await fetch(buildApiUrl(path, query), {
      method,
      headers,
      body: body === undefined ? null : JSON.stringify(body),
      credentials: 'same-origin',
      signal: signal ?? null,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'network_error', 'Cannot reach the server. Check your connection.');
  }

  const json = await readJson(response);
  if (!response.ok) throw toApiError(response, json);
  if (!schema) return undefined;

  try {
    return schema.parse(json);
  } catch (error) {
    // A contract mismatch between server and admin: loud in the console, generic for the user.
    console.error(`Unexpected response from ${method} ${path}`, error, json);
    throw new ApiError(
      response.status,
      'invalid_response',
      'The server sent a response this page does not understand.',
    );
  }
}

interface UploadOptions<T> {
  /** The multipart field name the server reads. */
  fieldName: string;
  schema: Parser<T>;
  /** Called with 0–1 as the bytes go out. */
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

/**
 * Uploads one file as multipart/form-data. XMLHttpRequest rather than fetch because only it
 * reports upload progress; errors and bodies are handled exactly as in `apiRequest`.
 */
export function apiUpload<T>(path: string, file: File, options: UploadOptions<T>): Promise<T> {
  const { fieldName, schema, onProgress, signal } = options;
  return new Promise<T>((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', buildApiUrl(path));
    request.withCredentials = true;
    request.setRequestHeader('Accept', 'application/json');
    request.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable) onProgress?.(event.loaded / event.total);
    });
    request.addEventListener('load', () => {
      let json: unknown;
      try {
        json = request.responseText ? (JSON.parse(request.responseText) as unknown) : undefined;
      } catch {
        json = undefined;
      }
      if (request.status < 200 || request.status >= 300) {
        reject(toApiError(request, json));
        return;
      }
      try {
        resolve(schema.parse(json));
      } catch (error) {
        console.error(`Unexpected response from POST ${path}`, error, json);
        reject(
          new ApiError(
            request.status,
            'invalid_response',
            'The server sent a response this page does not understand.',
          ),
        );
      }
    });
    request.addEventListener('error', () => {
      reject(new ApiError(0, 'network_error', 'Cannot reach the server. Check your connection.'));
    });
    request.addEventListener('abort', () => {
      reject(new DOMException('The upload was cancelled', 'AbortError'));
    });
    signal?.addEventListener('abort', () => {
      request.abort();
    });
    const body = new FormData();
    body.append(fieldName, file, file.name);
    request.send(body);
  });
}
