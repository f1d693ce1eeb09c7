import { type DependencyList, useCallback, useEffect, useState } from 'react';

export type Loaded<T> =
  | { status: 'loading'; data: T | null; reload: () => void }
  | { status: 'failed'; data: T | null; error: unknown; reload: () => void }
  | { status: 'ready'; data: T; reload: () => void };

/**
 * Runs `load` when `deps` change (and on reload()); a response that arrives after a newer request
 * started is dropped. The previous data stays visible while the next load runs.
 */
export function useLoad<T>(load: () => Promise<T>, deps: DependencyList): Loaded<T> {
  const [state, setState] = useState<{ status: 'loading' | 'ready' | 'failed'; data: T | null; error?: unknown }>({
    status: 'loading',
    data: null,
  });
  const [generation, setGeneration] = useState(0);
  // Marked as loading in the same render as the caller's own changes (e.g. closing a form), so
  // nothing acts on the old data in between.
  const reload = useCallback(() => {
    setState((previous) => ({ status: 'loading', data: previous.data }));
    setGeneration((value) => value + 1);
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller lists what `load` depends on
  useEffect(() => {
    let current = true;
    setState((previous) => ({ status: 'loading', data: previous.data }));
    load().then(
      (data) => {
        if (current) setState({ status: 'ready', data });
      },
      (error: unknown) => {
        if (current) setState((previous) => ({ status: 'failed', data: previous.data, error }));
      },
    );
    return () => {
      current = false;
    };
  }, [...deps, generation]);

  if (state.status === 'ready') return { status: 'ready', data: state.data as T, reload };
  if (state.status === 'failed') return { status: 'failed', data: state.data, error: state.error, reload };
  return { status: 'loading', data: state.data, reload };
}
