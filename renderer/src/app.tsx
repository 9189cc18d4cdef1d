// The shell: theme (the Settings choice, else the OS's), banner, and the frame where navigation and the current area's
// page load. Owns the skip link, focus on navigation (with the frame) and window titles. This module and the banner
// use no Fluent runtime: they paint from base.css, which holds the theme's values, while Fluent's provider,
// the navigation and the page arrive in their own chunks (issue 22: first contentful paint ≤ 1.5× a bare React page).
import { Suspense, lazy, useEffect, useState } from 'react';
import { AppHeader } from './shell/app-header';
import { type AreaId } from './shell/area-ids';
import { AREAS } from './shell/areas';
import { loadAreaNav } from './shell/chunks';
import { useHashRoute } from './shell/use-hash-route';
import { useAfterNextFrame } from './after-frame';
import { api } from './api';
import { setThemeChoice, useColorScheme } from './theme';

const PRODUCT = 'Mailbox Auth Helper';

const loadFluentFrame = () => import('./shell/fluent-frame');
const FluentFrame = lazy(() => loadFluentFrame().then((m) => ({ default: m.FluentFrame })));

/**
 * Starts loading what comes after the first frame (Fluent's frame, the navigation, the route's page) all at once:
 * each would otherwise be asked for only once the one before has rendered. The module map keeps them, so the lazy
 * components find them loaded; a chunk that fails is reported by the component that needs it.
 */
function preloadAfterFirstFrame(route: AreaId): void {
  const ignore = (): undefined => undefined;
  void loadFluentFrame().catch(ignore);
  void loadAreaNav().catch(ignore);
  void AREAS.find((a) => a.id === route)
    ?.load()
    .catch(ignore);
}

/** The frame's outline (the navigation's width, the main region's colour) until Fluent's frame has loaded. */
function FrameOutline() {
  return (
    <div className="mah-frame">
      <div className="mah-body">
        <div className="mah-nav-placeholder" />
        <main id="main-content" className="mah-main" tabIndex={-1} />
      </div>
    </div>
  );
}

function focusMain(): void {
  const target = document.querySelector<HTMLElement>('main h1') ?? document.querySelector<HTMLElement>('main');
  if (target && !target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
  target?.focus();
}

export function App() {
  const scheme = useColorScheme();
  // The theme chosen in Settings lives in main; read it once at start (until then the system's applies).
  useEffect(() => {
    void api.settings.get({}).then((r) => {
      if (r.ok) setThemeChoice(r.value.settings.theme);
    });
  }, []);
  const route = useHashRoute();
  // Nothing else is loaded or evaluated before the first frame (the banner and the frame's outline) is out: chunks
  // that arrive before it would run first and hold it back (issue 22).
  const painted = useAfterNextFrame(() => preloadAfterFirstFrame(route));
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

  return (
    <div className={`mah-shell mah-${scheme}`}>
      <a
        className="mah-skip"
        href="#main-content"
        onClick={(e) => {
          // A plain #main-content would replace the route in the hash; move focus instead.
          e.preventDefault();
          focusMain();
        }}
      >
        Skip to main content
      </a>
      <AppHeader icons={painted} />
      {painted ? (
        <Suspense fallback={<FrameOutline />}>
          <div className="mah-frame">
            <FluentFrame scheme={scheme} route={route} Page={area.Page} navigated={navigated} />
          </div>
        </Suspense>
      ) : (
        <FrameOutline />
      )}
    </div>
  );
}
