/**
 * Fills a driver's numeric options with their defaults and throws a TypeError naming
 * the first one that is not a positive integer, so a misconfigured link fails at once
 * with the option's name instead of polling every 0 ms.
 */
export function checkOptions<D extends Record<string, number>>(options: object, defaults: D): D {
  const given = options as Record<string, unknown>;
  const result = { ...defaults };
  for (const key of Object.keys(defaults) as Array<keyof D & string>) {
    const value = given[key];
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) throw new TypeError(`"${key}" must be a positive integer`);
    (result as Record<string, number>)[key] = value;
  }
  return result;
}
