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
        // Keyboard users must always see where they are: a ring on whatever has the keyboard
        // focus (MUI only tints the background, which in the navigation looked like the
        // current page's tint). The current page keeps its tint and has no ring.
        MuiButtonBase: {
          defaultProps: { disableRipple: false },
          styleOverrides: {
            root: ({ theme }) => ({
              '&.Mui-focusVisible': { outline: `2px solid ${theme.palette.primary.main}`, outlineOffset: 2 },
            }),
          },
        },
        // Inside the list: the ring is drawn within the item, so a scrolling list never clips it.
        MuiListItemButton: {
          styleOverrides: { root: { '&.Mui-focusVisible': { outlineOffset: -2 } } },
        },
        MuiTextField: { defaultProps: { size: 'small' } },
        MuiTableCell: { styleOverrides: { head: { fontWeight: 700 } } },
      },
    },
    language === 'fa' ? faIR : enUS,
  );
}
