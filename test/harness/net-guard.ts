/**
 * Browsers reset connections whenever they like: a tab closes mid-response, a proxy tunnel is
 * refused, the browser quits. For the servers the tests open that is expected, never fatal.
 * Node hands a CONNECT or upgrade socket to the server's listener with no 'error' handler of its
 * own, and an http request's response stream can fail after its headers went out; an error on
 * either, unhandled, ends the whole test run after every test has passed.
 */
import type { Server as HttpServer } from 'node:http';
import type { Server as NetServer, Socket } from 'node:net';
import type { Duplex } from 'node:stream';

const ignore = (): void => undefined;

/** Every connection `server` accepts, and every request it fails to parse, ends quietly on error. */
export function guardServer<S extends HttpServer | NetServer>(server: S): S {
  server.on('connection', (socket: Socket) => socket.on('error', ignore));
  if ('setTimeout' in server) {
    (server as HttpServer).on('clientError', (_error: Error, socket: Duplex) => socket.destroy());
  }
  return server;
}

/** A stream of the tests' own (a socket, a proxied response) whose errors end it quietly. */
export function guardStream<T extends NodeJS.EventEmitter>(stream: T): T {
  stream.on('error', ignore);
  return stream;
}
