/**
 * Every form of every feature closes through GuardedDialog, which asks before typed input
 * is thrown away: the lint refuses MUI's bare Dialog in renderer/features/ (a confirmation
 * without input says so in a disable comment, as DeleteIdentityDialog does).
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });
async function restricted(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('dialogs in features', () => {
  it("refuse MUI's Dialog and point to GuardedDialog", async () => {
    const errors = await restricted('renderer/features/tasks/TaskDialog.tsx', "import Dialog from '@mui/material/Dialog';\nexport const D = Dialog;\n");
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('GuardedDialog');
  });

  it('accept GuardedDialog, and the app folder that builds it on Dialog', async () => {
    expect(
      await restricted('renderer/features/tasks/TaskDialog.tsx', "import { GuardedDialog } from '../../app/GuardedDialog';\nexport const D = GuardedDialog;\n"),
    ).toEqual([]);
    expect(await restricted('renderer/app/GuardedDialog.tsx', "import Dialog from '@mui/material/Dialog';\nexport const D = Dialog;\n")).toEqual([]);
  });
});
