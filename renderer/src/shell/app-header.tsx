// The banner: product name and the promise that sets this tool apart (sign-ins run in a clean session).
import { Text, makeStyles, tokens } from '@fluentui/react-components';
import { ShieldCheckmark16Regular } from '@fluentui/react-icons/svg/shield-checkmark';
import { ShieldKeyhole24Filled } from '@fluentui/react-icons/svg/shield-keyhole';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalM,
    minHeight: '52px',
    paddingInline: tokens.spacingHorizontalXL,
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    flexShrink: 0,
  },
  mark: {
    display: 'inline-flex',
    alignItems: 'center',
    justifyContent: 'center',
    width: '32px',
    height: '32px',
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorBrandBackground,
    color: tokens.colorNeutralForegroundOnBrand,
  },
  titles: { display: 'flex', flexDirection: 'column', rowGap: '2px' },
  name: {
    margin: 0,
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorNeutralForeground1,
    lineHeight: tokens.lineHeightBase400,
  },
  tagline: { color: tokens.colorNeutralForeground3 },
  spacer: { flexGrow: 1 },
  clean: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXS,
    paddingBlock: tokens.spacingVerticalXXS,
    paddingInline: tokens.spacingHorizontalS,
    borderRadius: tokens.borderRadiusCircular,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorPaletteGreenBorder1}`,
    backgroundColor: tokens.colorPaletteGreenBackground1,
    color: tokens.colorPaletteGreenForeground1,
    fontWeight: tokens.fontWeightSemibold,
  },
  cleanNote: {
    color: tokens.colorNeutralForeground3,
    '@media (max-width: 900px)': { display: 'none' },
  },
});

export function AppHeader() {
  const styles = useStyles();
  return (
    <header className={styles.root}>
      <span className={styles.mark} aria-hidden="true">
        <ShieldKeyhole24Filled />
      </span>
      <div className={styles.titles}>
        <Text as="p" size={400} className={styles.name}>
          Mailbox Auth Helper
        </Text>
        <Text size={200} className={styles.tagline}>
          Microsoft 365 mailbox OAuth for helpdesk products
        </Text>
      </div>
      <span className={styles.spacer} />
      <Text size={200} className={styles.cleanNote}>
        Sign-ins never reuse your browser’s accounts or cookies
      </Text>
      <Text size={200} className={styles.clean}>
        <ShieldCheckmark16Regular aria-hidden="true" />
        Clean session
      </Text>
    </header>
  );
}
