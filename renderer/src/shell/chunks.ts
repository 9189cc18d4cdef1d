// The shell's lazily loaded chunks that more than one place asks for, one loader each, so they cannot drift apart:
// the navigation (preloaded by app.tsx after the first frame, rendered by fluent-frame.tsx) and the banner's icons
// (two lazy components in app-header.tsx). Fluent's frame is preloaded and rendered by app.tsx alone, which keeps its
// loader: here it would make an import cycle (fluent-frame.tsx reads the navigation's loader from this module).

/** The areas' navigation (Fluent's drawer and tabster's arrow keys). */
export const loadAreaNav = () => import('./area-nav');

/** The banner's two Fluent icons. */
export const loadHeaderIcons = () => import('./header-icons');
