// The look of a content card (a bordered, raised section on the page background), shared by every area so
// the pages read as one app. Spread into makeStyles: `section: { ...cardStyle, marginBlock: … }`.
import { tokens, type GriffelStyle } from '@fluentui/react-components';

export const cardStyle: GriffelStyle = {
  padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalXL}`,
  borderRadius: tokens.borderRadiusLarge,
  border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  backgroundColor: tokens.colorNeutralBackground1,
  boxShadow: tokens.shadow2,
  maxWidth: '72rem',
};
