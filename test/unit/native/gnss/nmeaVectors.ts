/** Reference §7.1 test vectors (`../shared/reference/devices.md`); their checksums were verified by hand. */
export const VECTORS = {
  gga: '$GPGGA,123519.00,4807.0380,N,01131.0000,E,1,08,0.9,545.4,M,46.9,M,,*69',
  rmc: '$GNRMC,123519.00,A,4807.0380,N,01131.0000,E,0.02,84.40,230394,,,A*7A',
  gsa: '$GNGSA,A,3,04,05,09,12,24,,,,,,,,2.5,1.3,2.1*27',
  ggaNoFix: '$GPGGA,,,,,,0,00,99.99,,,,,,*48',
  rmcNoFix: '$GPRMC,,V,,,,,,,,,,N*53',
  gpsdDocGga: '$GNGGA,001043.00,4404.14036,N,12118.85961,W,1,12,0.98,1113.0,M,-21.3,M*47',
} as const;

/** An XOR checksum written independently of the parser's, to compose more sentences. */
export function withChecksum(body: string): string {
  let sum = 0;
  for (const c of body) sum ^= c.charCodeAt(0);
  return `$${body}*${sum.toString(16).toUpperCase().padStart(2, '0')}`;
}
