import http from 'node:http';
import { HOST } from './processes';

export type ApiResponse = {
  status: number;
  body: string;
  setCookie: string[];
  /** From writing the request to the last byte of the body. */
  ms: number;
};

export type ApiClient = {
  request: (method: string, path: string, body?: unknown) => Promise<ApiResponse>;
  /** Sends the session cookie with every later request. */
  useCookie: (cookie: string) => void;
  cookie: () => string | undefined;
  origin: string;
  close: () => void;
};

/**
 * A client on one keep-alive connection, so sequential timings measure the request and not a TCP
 * handshake. Writes carry the Origin the server expects from its own admin (APP_URL defaults to
 * http://localhost:<port>), as the browser would send it.
 */
export function apiClient(port: number): ApiClient {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const origin = `http://localhost:${port}`;
  let cookie: string | undefined;
  return {
    origin,
    useCookie: (value) => {
      cookie = value;
    },
    cookie: () => cookie,
    close: () => {
      agent.destroy();
    },
    request: (method, path, body) =>
      new Promise((resolve, reject) => {
        const payload = body === undefined ? undefined : JSON.stringify(body);
        const headers: http.OutgoingHttpHeaders = { origin };
        if (cookie) headers.cookie = cookie;
        if (payload !== undefined) {
          headers['content-type'] = 'application/json';
          headers['content-length'] = Buffer.byteLength(payload);
        }
        const startedAt = performance.now();
        const request = http.request({ host: HOST, port, method, path, agent, headers }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            resolve({
              status: res.statusCode ?? 0,
              body: Buffer.concat(chunks).toString('utf8'),
              setCookie: res.headers['set-cookie'] ?? [],
              ms: performance.now() - startedAt,
            });
          });
          res.on('error', reject);
        });
        request.on('error', reject);
        request.end(payload);
      }),
  };
}
