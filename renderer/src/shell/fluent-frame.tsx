// Everything under the banner, inside Fluent's provider: the areas' navigation and the main region where the current
// area's page loads. Its own chunk with Fluent's runtime (provider, Griffel, the theme's CSS variables): the banner
// and this frame's empty outline paint before it arrives (app.tsx; issue 22: first contentful paint).
import { FluentProvider, makeStyles, tokens, webDarkTheme, webLightTheme } from '@fluentui/react-components';
import { Suspense, lazy, useEffect, useState, type ComponentType } from 'react';
import { SLOW_CALL_MS } from '../api';
import type { ColorScheme } from '../theme';
import type { AreaId } from './area-ids';
import { loadAreaNav } from './chunks';

// The navigation is its own chunk too (Fluent's drawer and tabster's arrow keys); the frame holds its width meanwhile.
const AreaNav = lazy(() => loadAreaNav().then((m) => ({ default: m.AreaNav })));

// The page's loading spinner is its own chunk: it is shown only when a page takes longer than a slow call (below).
const LoadingSpinner = lazy(() => import('./loading-spinner').then((m) => ({ default: m.LoadingSpinner })));

const useStyles = makeStyles({
  // Through Griffel, not base.css: the drawer's own (Griffel) background must lose to this one.
  nav: {
    flexShrink: 0,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRight: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
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

/**
 * The main region while the page's chunk loads: nothing for the first SLOW_CALL_MS (as a fast call shows no spinner,
 * a page that arrives quickly does not flash one), then "Loading…".
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

export interface FluentFrameProps {
  readonly scheme: ColorScheme;
  readonly route: AreaId;
  readonly Page: ComponentType;
  /** The user has navigated at least once: focus follows to the new page's h1. */
  readonly navigated: boolean;
}

export function FluentFrame({ scheme, route, Page, navigated }: FluentFrameProps) {
  const styles = useStyles();
  return (
    // The provider fills the frame through base.css (.mah-frame > .fui-FluentProvider): layout classes on the provider
    // itself would be copied onto Fluent's portal mount nodes (dropdowns, tooltips), and a full-height portal node
    // scrolled the whole app out of view.
    <FluentProvider theme={scheme === 'dark' ? webDarkTheme : webLightTheme}>
      <div className="mah-body">
        <Suspense fallback={<div className="mah-nav-placeholder" />}>
          <AreaNav route={route} className={styles.nav} />
        </Suspense>
        <main id="main-content" className="mah-main" tabIndex={-1}>
          <Suspense key={route} fallback={<PageLoading className={styles.loading} />}>
            <Page />
            <FocusHeading enabled={navigated} />
          </Suspense>
        </main>
      </div>
    </FluentProvider>
  );
}
