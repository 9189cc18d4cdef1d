// The heading block every area page starts with. The shell moves focus to this h1 after navigation,
// so screen-reader and keyboard users land on the new page's title.
import { Text, makeStyles, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';

const useStyles = makeStyles({
  root: { marginBottom: tokens.spacingVerticalXL },
  heading: {
    margin: 0,
    fontSize: tokens.fontSizeHero700,
    lineHeight: tokens.lineHeightHero700,
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorNeutralForeground1,
    ':focus': { outlineStyle: 'none' },
  },
  description: {
    display: 'block',
    margin: `${tokens.spacingVerticalS} 0 0`,
    lineHeight: tokens.lineHeightBase400,
    maxWidth: '68ch',
    color: tokens.colorNeutralForeground2,
  },
  aside: { marginTop: tokens.spacingVerticalM },
});

export interface PageHeaderProps {
  readonly title: string;
  readonly description: ReactNode;
  /** Optional badges or status under the description. */
  readonly children?: ReactNode;
}

export function PageHeader({ title, description, children }: PageHeaderProps) {
  const styles = useStyles();
  return (
    <header className={styles.root}>
      <h1 className={styles.heading} tabIndex={-1}>
        {title}
      </h1>
      <Text as="p" size={300} className={styles.description}>
        {description}
      </Text>
      {children ? <div className={styles.aside}>{children}</div> : null}
    </header>
  );
}
