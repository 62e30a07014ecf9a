import { reactive } from 'vue';
import type { z } from '@shared/z.ts';
import type { RpcError } from '@shared/result.ts';

/** Field errors keyed by dotted path, filled from the shared zod schema or from the core's answer. */
export function useFieldErrors() {
  const errors = reactive<Record<string, string>>({});
  const clear = () => {
    for (const k of Object.keys(errors)) delete errors[k];
  };
  function check<S extends z.ZodType>(schema: S, value: unknown): z.output<S> | null {
    clear();
    const r = schema.safeParse(value);
    if (r.success) return r.data;
    for (const issue of r.error.issues) {
      const key = issue.path.map(String).join('.');
      errors[key] ??= issue.message;
    }
    return null;
  }
  /** Puts a core error on its field; returns the message when it belongs to no field. */
  function fromRpc(error: RpcError): string | null {
    clear();
    if (error.issues?.length) {
      for (const i of error.issues) errors[i.path] ??= i.message;
      return null;
    }
    if (error.field) {
      errors[error.field] = error.message;
      return null;
    }
    return error.message;
  }
  return { errors, clear, check, fromRpc };
}
