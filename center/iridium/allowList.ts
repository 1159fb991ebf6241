/** The MO listener's source-address allow-list: exact addresses; an IPv4-mapped IPv6 peer (`::ffff:a.b.c.d`) counts as its IPv4 form. */
export function sourceAddress(remote: string | undefined): string {
  const address = remote ?? '';
  return address.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address.toLowerCase();
}

export function allowList(addresses: readonly string[]): (remote: string | undefined) => boolean {
  const allowed = new Set(addresses.map((address) => sourceAddress(address)));
  return (remote) => allowed.has(sourceAddress(remote));
}
