// Runs work once the window has painted its next frame, so the frame is not held back by it: a task queued from
// requestAnimationFrame runs after that frame is out. A window that paints no frames (hidden, minimised) runs no
// animation frames; the work runs after `waitMs` then.
import { useEffect, useState } from 'react';

/** Schedules `run` after the next painted frame (or after `waitMs` without frames); returns a cancel function. */
export function afterNextFrame(run: () => void, waitMs = 250): () => void {
  let done = false;
  const go = (): void => {
    if (done) return;
    done = true;
    run();
  };
  let afterFrame: ReturnType<typeof setTimeout> | undefined;
  const frame = requestAnimationFrame(() => {
    afterFrame = setTimeout(go, 0);
  });
  const fallback = setTimeout(go, waitMs);
  return () => {
    done = true;
    cancelAnimationFrame(frame);
    clearTimeout(afterFrame);
    clearTimeout(fallback);
  };
}

/**
 * False on the first render, true once the frame that showed it is out (`onFrame` runs just before): what a component
 * shows later does not hold back the frame that shows the rest.
 */
export function useAfterNextFrame(onFrame?: () => void): boolean {
  const [after, setAfter] = useState(false);
  useEffect(
    () =>
      afterNextFrame(() => {
        onFrame?.();
        setAfter(true);
      }),
    // Once per mount: the frame after the first render comes once.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [],
  );
  return after;
}

/**
 * True while `on` is, and until the frame painted after it turned false is out: what the change shows (a verdict)
 * paints first, and what only follows from it (a form unlocking) renders after that frame instead of holding it back.
 */
export function useOnUntilFrameAfter(on: boolean): boolean {
  const [held, setHeld] = useState(on);
  // Adjusting state while rendering (React's pattern for following a prop): on at once, with no extra commit.
  if (on && !held) setHeld(true);
  useEffect(() => (on || !held ? undefined : afterNextFrame(() => setHeld(false))), [on, held]);
  return on || held;
}
