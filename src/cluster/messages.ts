import { AppError, type ErrorKind } from '../domain/errors.js';
import type { Config } from '../config.js';
import type { WriteOp } from '../engine/engine.js';

/**
 * What the writer process and the HTTP processes in front of it say to each other over the IPC
 * channel of `node:cluster`. Every message carries `amends` so that cluster's own messages pass by.
 */
export type ToWriter =
  | { amends: 'write'; id: number; op: WriteOp; args: unknown[] }
  | { amends: 'loaded' }
  | { amends: 'listening'; port: number }
  | { amends: 'failed'; message: string }
  | { amends: 'metrics'; id: number }
  | { amends: 'metricsOfFront'; id: number; metrics: unknown[] };

export type ToFront =
  | { amends: 'start'; config: Config }
  | { amends: 'publicUrl'; url: string }
  | { amends: 'written'; id: number; value?: unknown; error?: SentError }
  | { amends: 'metrics'; id: number; text?: string; contentType?: string; error?: string }
  | { amends: 'metricsOfFront'; id: number };

/** An error crossing the channel: an AppError keeps its kind and details; anything else stays a 500. */
export interface SentError {
  kind?: ErrorKind;
  message: string;
  extra?: Record<string, unknown>;
}

export function sendableError(err: unknown): SentError {
  if (err instanceof AppError) return { kind: err.kind, message: err.message, extra: err.extra };
  return { message: err instanceof Error ? err.message : String(err) };
}

export function receivedError(e: SentError): Error {
  if (e.kind) return new AppError(e.kind, e.message, e.extra ?? {});
  return new Error(`the writer process failed: ${e.message}`);
}

export function isMessage<T extends { amends: string }>(msg: unknown): msg is T {
  return typeof msg === 'object' && msg !== null && typeof (msg as { amends?: unknown }).amends === 'string';
}

/**
 * Requests sent over the channel and waiting for their answer by id: each is settled once, by its
 * answer, by `fail` or `failAll`, or (given a timeout) by the timeout's value.
 */
export class Pending<T> {
  private next = 1;
  private readonly open = new Map<number, { resolve: (v: T) => void; reject: (e: Error) => void }>();

  ask(send: (id: number) => void, timeout?: { ms: number; value: T }): Promise<T> {
    const id = this.next++;
    return new Promise<T>((resolve, reject) => {
      const timer = timeout && setTimeout(() => this.settle(id, (p) => p.resolve(timeout.value)), timeout.ms);
      this.open.set(id, {
        resolve: (v) => {
          clearTimeout(timer);
          resolve(v);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      send(id);
    });
  }

  answer(id: number, value: T): void {
    this.settle(id, (p) => p.resolve(value));
  }

  fail(id: number, err: Error): void {
    this.settle(id, (p) => p.reject(err));
  }

  failAll(err: Error): void {
    for (const id of [...this.open.keys()]) this.fail(id, err);
  }

  private settle(id: number, how: (p: { resolve: (v: T) => void; reject: (e: Error) => void }) => void): void {
    const p = this.open.get(id);
    if (!p) return;
    this.open.delete(id);
    how(p);
  }
}
