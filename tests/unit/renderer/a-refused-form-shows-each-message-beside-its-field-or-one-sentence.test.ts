import { describe, expect, it } from 'vitest';
import { errorMessage, formErrors } from '../../../renderer/app/formErrors';
import type { ApiErrorBody } from '../../../main/api/rpc';

const refused: ApiErrorBody = {
  code: 'invalid-input',
  message: 'ورودی نادرست است.',
  issues: [
    { path: ['at'], message: 'زمان یادآوری گذشته است.' },
    { path: ['at', 'day'], message: 'روز نادرست است.' },
    { path: ['note'], message: 'یادداشت بسیار بلند است.' },
  ],
};

describe('a refused form shows each message beside its field, or one sentence', () => {
  it('places each issue under the first part of its path, the first message of a field winning', () => {
    expect(formErrors(refused)).toEqual({
      fields: { at: 'زمان یادآوری گذشته است.', note: 'یادداشت بسیار بلند است.' },
      summary: null,
    });
  });

  it('an error that belongs to no field is the summary', () => {
    const conflict: ApiErrorBody = { code: 'conflict', message: 'این اتاق در آن ساعت رزرو است.' };
    expect(formErrors(conflict)).toEqual({ fields: {}, summary: conflict.message });
  });

  it('a form with one error line shows the first field message, else the error itself', () => {
    expect(errorMessage(refused)).toBe('زمان یادآوری گذشته است.');
    expect(errorMessage({ code: 'forbidden', message: 'اجازه ندارید.' })).toBe('اجازه ندارید.');
    expect(errorMessage({ code: 'invalid-input', message: 'ورودی نادرست است.', issues: [] })).toBe('ورودی نادرست است.');
  });
});
