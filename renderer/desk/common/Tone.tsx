import type { ReactNode } from 'react';

export type ToneName = 'up' | 'degraded' | 'down' | 'unknown' | 'info';

/** A state word in its colour, with a dot, so colour is never the only sign. */
export function Tone({ tone, children, title, testId }: { tone: ToneName; children: ReactNode; title?: string; testId?: string }) {
  return (
    <span className={`desk-tone tone-${tone}`} title={title} data-testid={testId}>
      <span className="dot" aria-hidden="true" />
      {children}
    </span>
  );
}
