// The typed client: `api.signIn({ login, password })` resolves to a Result. Session-level errors
// (locked, signed out) are also reported to listeners so the shell can react in one place.
import { METHOD_NAMES, type MethodName } from '@shared/rpc/methods.ts';
import type { Api } from '@shared/rpc/contract.ts';
import type { RpcError } from '@shared/result.ts';
import { electronTransport, httpTransport, takeTokenFromUrl, type Transport } from './transport.ts';

type Listener = (method: MethodName, error: RpcError) => void;
const listeners = new Set<Listener>();

export function onApiError(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export const transport: Transport = electronTransport() ?? httpTransport(takeTokenFromUrl());

export const api = Object.fromEntries(
  METHOD_NAMES.map((method) => [
    method,
    async (input: unknown) => {
      const result = await transport.call(method, input);
      if (!result.ok) for (const l of listeners) l(method, result.error);
      return result;
    },
  ]),
) as unknown as Api;
