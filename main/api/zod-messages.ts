import type { z } from 'zod';
import { isMessageKey, text, type Language } from './messages';

/**
 * Zod's messages for the checks every schema uses, as plain sentences in each language
 * (zod's own Persian locale mixes in type names and symbols, e.g. "string باید >=2").
 * A schema's own message that is a catalogue key (`.regex(re, 'username.format')`) is
 * rendered from the catalogue.
 */
export function zodErrorMap(lang: Language): z.core.$ZodErrorMap {
  return (issue) => {
    switch (issue.code) {
      case 'invalid_type':
        return text(issue.input === undefined ? 'field.required' : 'field.invalid', lang);
      case 'too_small': {
        const n = Number(issue.minimum);
        if (issue.origin === 'string') return n <= 1 ? text('field.empty', lang) : text('field.tooShort', lang, { n });
        if (issue.origin === 'array' || issue.origin === 'set') return text('field.tooFew', lang, { n });
        return text('field.numberTooSmall', lang, { n });
      }
      case 'too_big': {
        const n = Number(issue.maximum);
        if (issue.origin === 'string') return text('field.tooLong', lang, { n });
        if (issue.origin === 'array' || issue.origin === 'set') return text('field.tooMany', lang, { n });
        return text('field.numberTooBig', lang, { n });
      }
      case 'invalid_format':
        if (issue.format === 'email') return text('field.email', lang);
        if (issue.format === 'uuid' || issue.format === 'guid') return text('field.id', lang);
        return text('field.format', lang);
      case 'invalid_value':
        return text('field.choice', lang);
      case 'unrecognized_keys':
        return text('field.unknownKeys', lang, { keys: issue.keys.join('، ') });
      default:
        return text('field.invalid', lang);
    }
  };
}

/** An issue's final message: a catalogue key the schema named, or the error map's sentence. */
export function issueMessage(message: string, params: Record<string, unknown> | undefined, lang: Language): string {
  if (!isMessageKey(message)) return message;
  const safe = Object.fromEntries(
    Object.entries(params ?? {}).filter((e): e is [string, string | number] => typeof e[1] === 'string' || typeof e[1] === 'number'),
  );
  return text(message, lang, safe);
}
