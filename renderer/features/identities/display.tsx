/** Small pieces every identity view shows the same way. */
import { useTranslation } from 'react-i18next';
import PersonOutlined from '@mui/icons-material/PersonOutlined';
import BusinessOutlined from '@mui/icons-material/BusinessOutlined';
import type { IdentityKind } from '../../../main/contract';
import { Ltr } from '../../app/Ltr';
import { useFormat } from '../../app/useFormat';

export function KindIcon({ kind, fontSize = 'small' }: { kind: IdentityKind; fontSize?: 'small' | 'medium' | 'large' }) {
  const { t } = useTranslation();
  const Icon = kind === 'person' ? PersonOutlined : BusinessOutlined;
  return <Icon fontSize={fontSize} color="action" titleAccess={t(`kinds.${kind}`)} />;
}

/** A phone number as the backend formatted it, in the interface's digits, read left to right. */
export function PhoneText({ display, testId }: { display: string; testId?: string }) {
  const fmt = useFormat();
  return <Ltr testId={testId}>{fmt.phone(display)}</Ltr>;
}
