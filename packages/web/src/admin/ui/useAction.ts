import { useCallback, useState } from 'react';

/** A user-started call: busy while it runs, its error kept for display, never thrown. */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = useCallback(async <T>(action: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false }> => {
    setBusy(true);
    setError(null);
    try {
      const value = await action();
      return { ok: true, value };
    } catch (caught) {
      setError(caught);
      return { ok: false };
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, setError, run };
}
