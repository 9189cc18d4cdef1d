// The areas' navigation (Fluent's NavDrawer with one icon per area), in its own lazy chunk: the drawer, its motion
// and dialog parts and tabster's arrow-key navigation are a third of the shell's script, and the banner and the
// page's loading state can paint without them (issue 22: initial renderer JS ≤ 120 KB gzip). fluent-frame.tsx reserves the
// drawer's width while this chunk loads, so nothing moves when it arrives.
import {
  NavDivider,
  NavDrawer,
  NavDrawerBody,
  NavItem,
  makeStyles,
  useArrowNavigationGroup,
} from '@fluentui/react-components';
import { DocumentSearch20Regular } from '@fluentui/react-icons/svg/document-search';
import { HeartPulse20Regular } from '@fluentui/react-icons/svg/heart-pulse';
import { PersonLock20Regular } from '@fluentui/react-icons/svg/person-lock';
import { QuestionCircle20Regular } from '@fluentui/react-icons/svg/question-circle';
import { Settings20Regular } from '@fluentui/react-icons/svg/settings';
import { ShieldTask20Regular } from '@fluentui/react-icons/svg/shield-task';
import { Stethoscope20Regular } from '@fluentui/react-icons/svg/stethoscope';
import { WindowShield20Regular } from '@fluentui/react-icons/svg/window-shield';
import { Fragment, type ComponentType } from 'react';
import { AREA_NAMES, hrefOf, type AreaId, type AreaName } from './area-ids';

// A Record, so an area id without an icon is a type error.
const ICONS: Readonly<Record<AreaId, ComponentType>> = {
  authorize: PersonLock20Regular,
  'product-session': WindowShield20Regular,
  tokens: DocumentSearch20Regular,
  diagnose: Stethoscope20Regular,
  audit: ShieldTask20Regular,
  watch: HeartPulse20Regular,
  explain: QuestionCircle20Regular,
  settings: Settings20Regular,
};

const useStyles = makeStyles({
  // The drawer takes the banner's colour; items keep Fluent's hover and selected states but no resting fill.
  navItem: { backgroundColor: 'transparent' },
});

/** One navigation entry; the current one is tabster's default, so Tab into the list lands on it. */
// Tabster's serialized attribute (what its useTabsterAttributes hook produces; that hook is not re-exported
// by @fluentui/react-components).
const DEFAULT_FOCUSABLE = { 'data-tabster': JSON.stringify({ focusable: { isDefault: true } }) };

function AreaNavItem({ area, current, className }: { area: AreaName; current: boolean; className: string }) {
  const Icon = ICONS[area.id];
  return (
    <NavItem
      value={area.id}
      href={hrefOf(area.id)}
      icon={<Icon />}
      className={className}
      {...(current ? DEFAULT_FOCUSABLE : {})}
    >
      {area.label}
    </NavItem>
  );
}

export function AreaNav({ route, className }: { route: AreaId; className: string }) {
  const styles = useStyles();
  // Fluent's NavDrawerBody remembers the last focused item; entering the list should land on the current page.
  const navArrows = useArrowNavigationGroup({
    axis: 'vertical',
    circular: true,
    memorizeCurrent: false,
    unstable_hasDefault: true,
  });
  return (
    <NavDrawer open type="inline" selectedValue={route} aria-label="Areas" className={className}>
      <NavDrawerBody {...navArrows}>
        {AREA_NAMES.map((a) => (
          <Fragment key={a.id}>
            {a.id === 'settings' ? <NavDivider /> : null}
            <AreaNavItem area={a} current={a.id === route} className={styles.navItem} />
          </Fragment>
        ))}
      </NavDrawerBody>
    </NavDrawer>
  );
}
