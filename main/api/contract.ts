/**
 * The shape of an API contract, for the machinery (RPC client, hooks) that works with any
 * list of capabilities. The concrete contract is assembled in main/contract.ts.
 */
import type { z } from 'zod';
import type { MethodDef } from './capability';

export type AnyContract = Record<string, MethodDef>;
// object, not Record: event maps are interfaces, which have no index signature.
export type AnyEvents = object;

/** What a caller sends (before defaults). */
export type InputOf<C extends AnyContract, M extends keyof C> = z.input<C[M]['input']>;
/** What a handler receives (after validation and defaults). */
export type ParsedInputOf<C extends AnyContract, M extends keyof C> = z.output<C[M]['input']>;
export type OutputOf<C extends AnyContract, M extends keyof C> = Awaited<ReturnType<C[M]['run']>>;
