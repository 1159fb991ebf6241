import { useMemo } from 'react';

/**
 * The value given, or the one given before while it holds the same data (by JSON). A list
 * fetched again on every beat arrives as a new array each time; layers keyed on it would be
 * rebuilt, closing the popup a user just opened.
 */
export function useSameWhileEqual<T>(value: T): T {
  const json = JSON.stringify(value);
  // Keyed on the data, not on the array's identity: that is the point.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  return useMemo(() => value, [json]);
}
