// Polling with backoff: quick while things change, slower while they do not, never sooner than the
// server's Retry-After, paused while the tab is hidden, stopped when told the work is done.

/**
 * @template T
 * @param {{
 *   load: () => Promise<{value: T, retryAfterMs?: number | null}>,
 *   fingerprint: (value: T) => string,
 *   onValue: (value: T, changed: boolean) => void,
 *   onError: (error: any, retryInMs: number) => boolean,
 *   isDone: (value: T) => boolean,
 *   onWait?: (nextInMs: number) => void,
 *   minDelayMs?: number, maxDelayMs?: number, factor?: number,
 * }} options `onWait` hears when the next look is after a good one; `onError` hears it after a failed one, and returns false to stop.
 */
export function startPolling({ load, fingerprint, onValue, onError, isDone, onWait = () => {}, minDelayMs = 1000, maxDelayMs = 10000, factor = 1.6 }) {
  let delay = minDelayMs;
  let last = null;
  let timer = null;
  let inFlight = false;
  let again = false;
  let stopped = false;

  const schedule = (ms) => {
    if (!stopped) timer = setTimeout(tick, ms);
  };

  const onVisible = () => {
    if (!document.hidden) {
      document.removeEventListener('visibilitychange', onVisible);
      tick();
    }
  };

  async function tick() {
    timer = null;
    if (stopped) return;
    if (document.hidden) {
      document.addEventListener('visibilitychange', onVisible);
      return;
    }
    inFlight = true;
    let wait;
    try {
      const { value, retryAfterMs } = await load();
      const print = fingerprint(value);
      const changed = print !== last;
      last = print;
      delay = changed ? minDelayMs : Math.min(maxDelayMs, Math.round(delay * factor));
      onValue(value, changed);
      if (isDone(value)) {
        stopped = true;
        return;
      }
      wait = Math.max(delay, retryAfterMs ?? 0);
      onWait(wait);
    } catch (error) {
      delay = Math.min(maxDelayMs, Math.round(delay * factor));
      wait = Math.max(delay, error?.retryAfterMs ?? 0);
      if (onError(error, wait) === false) {
        stopped = true;
        return;
      }
    } finally {
      inFlight = false;
    }
    if (again) {
      again = false;
      wait = minDelayMs / 4;
    }
    schedule(wait);
  }

  tick();
  return {
    /** Looks again now and speeds back up (after the user did something that changes the state). */
    now() {
      if (stopped) return;
      delay = minDelayMs;
      if (inFlight) {
        again = true;
        return;
      }
      if (timer !== null) clearTimeout(timer);
      tick();
    },
    stop() {
      stopped = true;
      if (timer !== null) clearTimeout(timer);
    },
  };
}
