// The layout Authorize and Audit share for their forms (and the app-only panel for its fields): cards of fieldsets
// with a heading, a grid of fields two abreast on a wide window, full-width rows, a wrapping row of protocol
// checkboxes and the action buttons. One place, so the two forms line up alike.
import { makeStyles, tokens } from '@fluentui/react-components';
import { cardStyle } from './card-style';

export const useFormStyles = makeStyles({
  grid: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(18rem, 1fr))',
    columnGap: tokens.spacingHorizontalXXL,
    rowGap: tokens.spacingVerticalM,
    // Fields in a row keep their own height: a neighbour's hint must not stretch an input.
    alignItems: 'start',
    maxWidth: '72rem',
  },
  section: { ...cardStyle, marginBottom: tokens.spacingVerticalL },
  legend: {
    fontWeight: tokens.fontWeightSemibold,
    fontSize: tokens.fontSizeBase400,
    padding: 0,
    marginBottom: tokens.spacingVerticalS,
  },
  fieldset: { border: 'none', margin: 0, padding: 0, minWidth: 0 },
  wide: { gridColumn: '1 / -1' },
  protocols: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalL },
  actions: {
    display: 'flex',
    gap: tokens.spacingHorizontalM,
    alignItems: 'center',
    marginTop: tokens.spacingVerticalM,
  },
  // GUIDs, URIs and scopes: read character by character.
  mono: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
});
