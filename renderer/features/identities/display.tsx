/** Small pieces every identity view shows the same way. */
import { useTranslation } from 'react-i18next';
import PersonOutlined from '@mui/icons-material/PersonOutlined';
import BusinessOutlined from '@mui/icons-material/BusinessOutlined';
import type { IdentityKind } from '../../../main/contract';
import { contributions, useFeatures } from '../../app/features';
import { Ltr } from '../../app/Ltr';
import { useFormat } from '../../app/useFormat';

export function KindIcon({ kind, fontSize = 'small' }: { kind: IdentityKind; fontSize?: 'small' | 'medium' | 'large' }) {
  const { t } = useTranslation();
  const Icon = kind === 'person' ? PersonOutlined : BusinessOutlined;
  return <Icon fontSize={fontSize} color="action" titleAccess={t(`kinds.${kind}`)} />;
}

/**
 * The kind's icon as a plain SVG for long lists: the same drawing as KindIcon (MUI's
 * PersonOutlined and BusinessOutlined paths) without an MUI component per row, whose
 * styles were computed again for each of fifty rows.
 */
const KIND_PATHS: Record<IdentityKind, string> = {
  person:
    'M12 6c1.1 0 2 .9 2 2s-.9 2-2 2-2-.9-2-2 .9-2 2-2m0 10c2.7 0 5.8 1.29 6 2H6c.23-.72 3.31-2 6-2m0-12C9.79 4 8 5.79 8 8s1.79 4 4 4 4-1.79 4-4-1.79-4-4-4m0 10c-2.67 0-8 1.34-8 4v2h16v-2c0-2.66-5.33-4-8-4',
  organisation:
    'M12 7V3H2v18h20V7zM6 19H4v-2h2zm0-4H4v-2h2zm0-4H4V9h2zm0-4H4V5h2zm4 12H8v-2h2zm0-4H8v-2h2zm0-4H8V9h2zm0-4H8V5h2zm10 12h-8v-2h2v-2h-2v-2h2v-2h-2V9h8zm-2-8h-2v2h2zm0 4h-2v2h2z',
};

export function KindGlyph({ kind, label }: { kind: IdentityKind; label: string }) {
  return (
    <svg className="kind-glyph" viewBox="0 0 24 24" role="img" aria-label={label} focusable="false">
      <path d={KIND_PATHS[kind]} />
    </svg>
  );
}

/**
 * A phone number as the backend formatted it, in the interface's digits, read left to
 * right, on one line (class phone-number in styles.css: a number broken over two lines is
 * misread), followed by what other features offer for a number (the phone's click-to-call).
 */
export function PhoneText({ display, testId }: { display: string; testId?: string }) {
  const fmt = useFormat();
  const actions = contributions(useFeatures(), 'phoneActions');
  return (
    <span style={{ whiteSpace: 'nowrap' }}>
      <Ltr testId={testId} className="phone-number">
        {fmt.phone(display)}
      </Ltr>
      {actions.map(({ key, Component }) => (
        <Component key={key} number={display} />
      ))}
    </span>
  );
}
