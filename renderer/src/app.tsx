// The shell: theme (the Settings choice, else the OS's), banner, navigation between the areas, and the main region where
// the current area's page is loaded. Owns focus management on navigation, the skip link and window titles.
import {
  FluentProvider,
  makeStyles,
  mergeClasses,
  tokens,
  webDarkTheme,
  webLightTheme,
} from '@fluentui/react-components';
import { Suspense, lazy, useEffect, useState } from 'react';
import { AppHeader } from './shell/app-header';
import { type AreaId } from './shell/area-ids';
import { AREAS } from './shell/areas';
import { useHashRoute } from './shell/use-hash-route';
import { SLOW_CALL_MS, api } from './api';
import { setThemeChoice, useColorScheme } from './theme';

const PRODUCT = 'Mailbox Auth Helper';

const useStyles = makeStyles({
  provider: { height: '100%', display: 'flex', flexDirection: 'column' },
  skip: {
    position: 'absolute',
    left: tokens.spacingHorizontalM,
    top: '-100px',
    zIndex: 10,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorBrandForegroundLink,
    boxShadow: tokens.shadow16,
    ':focus': { top: tokens.spacingVerticalS },
  },
  body: { display: 'flex', flexGrow: 1, minHeight: 0 },
  nav: {
    flexShrink: 0,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRight: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  // Holds the drawer's place while its chunk loads: NavDrawer's default width (260 px), so the page does not move.
  navPlaceholder: { width: '260px', boxSizing: 'border-box' },
  main: {
    flexGrow: 1,
    minWidth: 0,
    overflowY: 'auto',
    padding: `${tokens.spacingVerticalXXL} 48px`,
    backgroundColor: tokens.colorNeutralBackground2,
    ':focus': { outlineStyle: 'none' },
  },
  loading: { paddingTop: tokens.spacingVerticalXXL },
});

/** Moves focus to the new page's h1 once it has rendered (only after a navigation, never on first load). */
function FocusHeading({ enabled }: { enabled: boolean }) {
  useEffect(() => {
    if (!enabled) return;
    const heading = document.querySelector<HTMLElement>('main h1');
    if (!heading) return;
    if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
    heading.focus();
  }, [enabled]);
  return null;
}

// The navigation is its own chunk (Fluent's drawer and tabster's arrow keys): the banner and the page's loading
// state paint before it arrives (issue 22: initial renderer JS and first contentful paint).
const AreaNav = lazy(() => import('./shell/area-nav').then((m) => ({ default: m.AreaNav })));

// The page's loading spinner is its own chunk too: it is shown only when a page takes longer than a slow call
// (below), so the first frame neither parses its code nor computes its styles.
const LoadingSpinner = lazy(() => import('./shell/loading-spinner').then((m) => ({ default: m.LoadingSpinner })));

/**
 * The main region while the page's chunk loads: nothing for the first SLOW_CALL_MS (as a fast call shows no spinner,
 * a page that arrives quickly does not flash one), then "Loading…" (issue 22: the first paint waits on less).
 */
function PageLoading({ className }: { className: string }) {
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setSlow(true), SLOW_CALL_MS);
    return () => clearTimeout(timer);
  }, []);
  if (!slow) return null;
  return (
    <Suspense fallback={null}>
      <LoadingSpinner className={className} />
    </Suspense>
  );
}

function focusMain(): void {
  const target = document.querySelector<HTMLElement>('main h1') ?? document.querySelector<HTMLElement>('main');
  if (target && !target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
  target?.focus();
}

export function App() {
  const styles = useStyles();
  const scheme = useColorScheme();
  // The theme chosen in Settings lives in main; read it once at start (until then the system's applies).
  useEffect(() => {
    void api.settings.get({}).then((r) => {
      if (r.ok) setThemeChoice(r.value.settings.theme);
    });
  }, []);
  const route = useHashRoute();
  // Every route is an area id and AREAS holds every id, so this finds one; no fallback to disagree with the route.
  const area = AREAS.find((a) => a.id === route);

  // "Previous value" pattern from the React docs: remember that the user has navigated at least once.
  const [shownRoute, setShownRoute] = useState<AreaId>(route);
  const [navigated, setNavigated] = useState(false);
  if (route !== shownRoute) {
    setShownRoute(route);
    setNavigated(true);
  }

  useEffect(() => {
    document.title = area ? `${area.label} — ${PRODUCT}` : PRODUCT;
  }, [area]);

  if (!area) return null;
  const { Page } = area;

  return (
    // Layout classes go on an inner element: Fluent copies the provider's classes onto portal mount nodes
    // (dropdowns, tooltips), and a full-height portal node scrolled the whole app out of view.
    <FluentProvider theme={scheme === 'dark' ? webDarkTheme : webLightTheme}>
      <div className={styles.provider}>
        <a
          className={styles.skip}
          href="#main-content"
          onClick={(e) => {
            // A plain #main-content would replace the route in the hash; move focus instead.
            e.preventDefault();
            focusMain();
          }}
        >
          Skip to main content
        </a>
        <AppHeader />
        <div className={styles.body}>
          <Suspense fallback={<div className={mergeClasses(styles.nav, styles.navPlaceholder)} />}>
            <AreaNav route={route} className={styles.nav} />
          </Suspense>
          <main id="main-content" className={styles.main} tabIndex={-1}>
            <Suspense key={route} fallback={<PageLoading className={styles.loading} />}>
              <Page />
              <FocusHeading enabled={navigated} />
            </Suspense>
          </main>
        </div>
      </div>
    </FluentProvider>
  );
}
