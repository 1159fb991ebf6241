import { z } from 'zod';
import type { CrewOrderState } from './items';

/**
 * An order's life at one recipient (下达 → 签收 → 落实 → 反馈): issued by the desk,
 * delivered to the vehicle, then the crew's steps. The same rule on both sides: the console
 * refuses an illegal step before it is sent, and the center, which may receive the steps out
 * of order (an urgent acknowledgement can overtake nothing, but a replayed step can arrive
 * late), keeps the furthest one.
 */
export const OrderProgress = z.enum(['issued', 'delivered', 'acknowledged', 'in-progress', 'done', 'cannot-do']);
export type OrderProgress = z.infer<typeof OrderProgress>;

export const PROGRESS_RANK: Readonly<Record<OrderProgress, number>> = {
  issued: 0,
  delivered: 1,
  acknowledged: 2,
  'in-progress': 3,
  done: 4,
  'cannot-do': 4,
};

const CREW_STEPS: Readonly<Record<OrderProgress, readonly CrewOrderState[]>> = {
  issued: [],
  delivered: ['acknowledged', 'cannot-do'],
  acknowledged: ['in-progress', 'done', 'cannot-do'],
  'in-progress': ['done', 'cannot-do'],
  done: [],
  'cannot-do': [],
};

/** The steps the crew may take from `from`; none once the desk cancelled the order. */
export function crewSteps(from: OrderProgress, cancelled: boolean): readonly CrewOrderState[] {
  return cancelled ? [] : CREW_STEPS[from];
}

/** Why the crew may not take `step` now, or undefined when it may. */
export function refuseCrewStep(from: OrderProgress, step: CrewOrderState, cancelled: boolean): string | undefined {
  if (cancelled) return 'the center cancelled this order';
  if (from === 'done' || from === 'cannot-do') return `the order is already ${from === 'done' ? 'done' : 'reported as cannot do'}`;
  if (!CREW_STEPS[from].includes(step)) return `an order ${from} cannot go to ${step}`;
  return undefined;
}

/** The furthest of two states (a finished order never goes back). */
export function furthest(a: OrderProgress, b: OrderProgress): OrderProgress {
  return PROGRESS_RANK[b] > PROGRESS_RANK[a] ? b : a;
}

export function isFinished(state: OrderProgress): boolean {
  return state === 'done' || state === 'cannot-do';
}
