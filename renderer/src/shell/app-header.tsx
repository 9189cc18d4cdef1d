// The banner: product name and the promise that sets this tool apart (sign-ins run in a clean session). Plain
// elements styled by base.css with the theme's values, not Fluent components: the banner is the
// first thing the window paints and must not wait for Fluent's runtime (issue 22: first contentful paint). Its
// icons are Fluent's and arrive in their own chunk; their boxes are sized, so nothing moves when they do.
import { Suspense, lazy } from 'react';
import { loadHeaderIcons } from './chunks';

// Two places in the banner, one chunk: both icons come from one import.
const ProductMarkIcon = lazy(() => loadHeaderIcons().then((m) => ({ default: m.ProductMarkIcon })));
const CleanSessionIcon = lazy(() => loadHeaderIcons().then((m) => ({ default: m.CleanSessionIcon })));

/** `icons`: load and show the icons (the shell asks once the first frame is painted). */
export function AppHeader({ icons }: { icons: boolean }) {
  return (
    <header className="mah-header">
      <span className="mah-header-mark" aria-hidden="true">
        {icons ? (
          <Suspense fallback={null}>
            <ProductMarkIcon />
          </Suspense>
        ) : null}
      </span>
      <div className="mah-header-titles">
        <p className="mah-header-name">Mailbox Auth Helper</p>
        <span className="mah-header-tagline">Microsoft 365 mailbox OAuth for helpdesk products</span>
      </div>
      <span className="mah-header-spacer" />
      <span className="mah-header-note">Sign-ins never reuse your browser’s accounts or cookies</span>
      <span className="mah-header-clean">
        <span className="mah-header-clean-icon">
          {icons ? (
            <Suspense fallback={null}>
              <CleanSessionIcon />
            </Suspense>
          ) : null}
        </span>
        Clean session
      </span>
    </header>
  );
}
