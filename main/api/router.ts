import type { MethodDef } from './capability';
import { ApiError } from './errors';
import { text, type Language } from './messages';
import type { ApiErrorBody, Result } from './rpc';
import { findIllFormedText } from './text-hygiene';
import { issueMessage, zodErrorMap } from './zod-messages';

const ERROR_MAPS = { fa: zodErrorMap('fa'), en: zodErrorMap('en') };

export interface Caller {
  userId: string | null;
  permissions: ReadonlySet<string>;
}

export interface RouterOptions {
  /** Turns an unexpected error into a log line; the caller sees only a generic sentence. */
  onInternalError?: (method: string, err: unknown) => void;
  /** Maps errors of lower layers (database, domain) to API errors. */
  translateError?: (err: unknown) => ApiError | null;
  /** The language error messages are written in (the desk's interface language). */
  language?: () => Language;
}

/**
 * One router for every transport: validate the input, check the permission, run the
 * handler, answer {ok, value} or {ok: false, error}. Nothing a caller sends can crash it.
 */
export class Router {
  private readonly methods = new Map<string, MethodDef>();

  constructor(private readonly options: RouterOptions = {}) {}

  /**
   * Adds a capability's methods. Names start with the capability's name and are unique
   * (the backend refuses to start otherwise); inherited names like `toString` never match.
   */
  add(capability: string, methods: Record<string, MethodDef>): void {
    for (const [name, def] of Object.entries(methods)) {
      if (!name.startsWith(`${capability}.`)) throw new Error(`method ${name} does not start with ${capability}.`);
      if (this.methods.has(name)) throw new Error(`method ${name} is registered twice`);
      this.methods.set(name, def);
    }
  }

  names(): string[] {
    return [...this.methods.keys()];
  }

  spec(name: string): MethodDef | undefined {
    return this.methods.get(name);
  }

  async call(method: string, input: unknown, caller: Caller): Promise<Result<unknown>> {
    const lang = this.options.language?.() ?? 'fa';
    const spec = typeof method === 'string' ? this.methods.get(method) : undefined;
    if (!spec) {
      return fail({ code: 'unknown-method', message: text('request.unknown', lang) });
    }
    if (spec.permission && !caller.permissions.has(spec.permission)) {
      return fail({ code: 'forbidden', message: text('request.forbidden', lang) });
    }
    const illFormed = findIllFormedText(input);
    if (illFormed) {
      return fail({
        code: 'invalid-input',
        message: text('request.invalid', lang),
        issues: [{ path: illFormed, message: text('text.illFormed', lang) }],
      });
    }
    const parsed = spec.input.safeParse(input ?? {}, { error: ERROR_MAPS[lang] });
    if (!parsed.success) {
      return fail({
        code: 'invalid-input',
        message: text('request.invalid', lang),
        issues: parsed.error.issues.map((i) => ({
          path: i.path.filter((p): p is string | number => typeof p !== 'symbol'),
          message: issueMessage(i.message, 'params' in i ? (i.params as Record<string, unknown>) : undefined, lang),
        })),
      });
    }
    try {
      const value = await spec.run(parsed.data, caller);
      return { ok: true, value };
    } catch (err) {
      const known = err instanceof ApiError ? err : this.options.translateError?.(err);
      if (known) {
        const issues = known.issues?.map((i) => ({ path: i.path, message: text(i.key, lang, i.params) }));
        return fail({
          code: known.code,
          message: text(known.key, lang, known.params),
          ...(issues ? { issues } : {}),
          ...(known.details !== undefined ? { details: known.details } : {}),
        });
      }
      this.options.onInternalError?.(method, err);
      return fail({ code: 'internal', message: text('request.internal', lang) });
    }
  }
}

function fail(error: ApiErrorBody): Result<never> {
  return { ok: false, error };
}
