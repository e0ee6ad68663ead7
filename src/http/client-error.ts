import type { Socket } from 'node:net';

/** Node's parser error codes a client can cause, and how they are answered. */
function statusOf(code: string | undefined): { status: number; title: string; detail: string } {
  if (code === 'HPE_HEADER_OVERFLOW') return { status: 431, title: 'Request header fields too large', detail: 'the request headers exceed the server limit' };
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return { status: 408, title: 'Request timeout', detail: 'the request did not arrive in time' };
  if (code === 'HPE_INVALID_CONTENT_LENGTH' || code === 'HPE_UNEXPECTED_CONTENT_LENGTH') {
    return { status: 400, title: 'The request is not valid', detail: 'the Content-Length header is not a valid length' };
  }
  return { status: 400, title: 'The request is not valid', detail: 'the request is not well-formed HTTP' };
}

const REASONS: Record<number, string> = { 400: 'Bad Request', 408: 'Request Timeout', 413: 'Content Too Large', 431: 'Request Header Fields Too Large' };

/**
 * `server.on('clientError')`: errors of Node's HTTP parser (bad header bytes, absurd Content-Length,
 * oversized headers) never reach Express. Answer them as problem+json too, then drop the connection,
 * since the rest of the stream cannot be trusted.
 */
export function answerClientError(err: Error & { code?: string }, socket: Socket): void {
  // A response already under way on this socket cannot be followed by another one.
  const inFlight = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent === true;
  if (err.code === 'ECONNRESET' || !socket.writable || inFlight) {
    socket.destroy();
    return;
  }
  const { status, title, detail } = statusOf(err.code);
  const body = JSON.stringify({ type: `/problems/http-${status}`, title, status, detail, instance: '/' });
  socket.end(
    `HTTP/1.1 ${status} ${REASONS[status] ?? 'Bad Request'}\r\n` +
      'Content-Type: application/problem+json; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      'Connection: close\r\n\r\n' +
      body,
  );
  socket.once('finish', () => socket.destroy());
}
