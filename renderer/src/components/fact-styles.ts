// The text styles Audit, Watch and Inspect share for facts: a section heading, monospace ids and values that wrap
// rather than widen the page, and muted secondary lines. One place, so the areas read alike.
import { makeStyles, tokens } from '@fluentui/react-components';

export const useFactStyles = makeStyles({
  heading: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  subheading: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  // Ids, URIs and token values: long runs without spaces wrap inside the cell.
  mono: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, overflowWrap: 'anywhere' },
  muted: { color: tokens.colorNeutralForeground3 },
  secondary: { color: tokens.colorNeutralForeground2 },
});
