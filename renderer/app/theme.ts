/**
 * One theme per direction. MUI mirrors its components from `direction`; the emotion cache
 * (DirectionProvider) mirrors the CSS. Colours are calm: this is open all day on a desk.
 */
import { createTheme, type Theme } from '@mui/material/styles';
import { faIR, enUS } from '@mui/material/locale';
import type { Language } from '../format/language';
import { directionOf } from '../format/language';

export function createAppTheme(language: Language): Theme {
  return createTheme(
    {
      direction: directionOf(language),
      palette: {
        primary: { main: '#1f5f8b' },
        secondary: { main: '#00796b' },
        background: { default: '#f4f6f8' },
      },
      typography: {
        fontFamily: 'Vazirmatn, "Noto Sans Arabic", Tahoma, sans-serif',
        button: { textTransform: 'none', fontWeight: 600 },
      },
      shape: { borderRadius: 8 },
      components: {
        MuiButtonBase: { defaultProps: { disableRipple: false } },
        MuiTextField: { defaultProps: { size: 'small' } },
        MuiTableCell: { styleOverrides: { head: { fontWeight: 700 } } },
      },
    },
    language === 'fa' ? faIR : enUS,
  );
}
