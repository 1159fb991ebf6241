import { describe, expect, it } from 'vitest';
import { keepAbove, lineSignificance, metresPerPixel, simplifyLine, toPlane } from '../../../../renderer/map/simplifyLine';

describe('simplifyLine', () => {
  it('keeps short lines whole', () => {
    expect(simplifyLine([], 1)).toEqual([]);
    expect(simplifyLine([{ x: 0, y: 0 }], 1)).toEqual([0]);
    expect(
      simplifyLine(
        [
          { x: 0, y: 0 },
          { x: 0, y: 0 },
        ],
        1,
      ),
    ).toEqual([0, 1]);
  });

  it('drops points on a straight line and keeps the corner', () => {
    const points = [
      { x: 0, y: 0 },
      { x: 10, y: 0.1 },
      { x: 20, y: 0 },
      { x: 30, y: 0 },
      { x: 30, y: 10 },
      { x: 30, y: 20 },
    ];
    expect(simplifyLine(points, 1)).toEqual([0, 3, 5]);
  });

  it('drops the fixes of a parked vehicle (closer than the tolerance to the last kept one)', () => {
    const parked = Array.from({ length: 1000 }, (_, i) => ({ x: 100 + (i % 3) * 0.1, y: 50 }));
    const line = [{ x: 0, y: 0 }, ...parked, { x: 200, y: 0 }];
    expect(simplifyLine(line, 1)).toEqual([0, 1, 1001]);
  });

  it('keeps a wiggle larger than the tolerance and flattens one smaller than it', () => {
    const wiggle = (amplitude: number) => Array.from({ length: 401 }, (_, i) => ({ x: i, y: amplitude * Math.sin(i / 20) }));
    expect(simplifyLine(wiggle(0.5), 1)).toEqual([0, 400]);
    const kept = simplifyLine(wiggle(30), 1);
    expect(kept.length).toBeGreaterThan(10);
    expect(kept.length).toBeLessThan(100);
    // Every dropped point lies within the tolerance of the kept line.
    const line = wiggle(30);
    for (let k = 0; k + 1 < kept.length; k++) {
      const a = line[kept[k]!]!;
      const b = line[kept[k + 1]!]!;
      for (let i = kept[k]! + 1; i < kept[k + 1]!; i++) {
        const p = line[i]!;
        // Perpendicular distance from p to the line through a and b.
        const distance = Math.abs((b.x - a.x) * (a.y - p.y) - (a.x - p.x) * (b.y - a.y)) / Math.hypot(b.x - a.x, b.y - a.y);
        expect(distance).toBeLessThanOrEqual(1);
      }
    }
  });

  it('projects to Web Mercator metres and knows the pixel size per zoom', () => {
    expect(toPlane(0, 0)).toEqual({ x: 0, y: 0 });
    expect(toPlane(0, 180).x).toBeCloseTo(20_037_508.34, 1);
    expect(toPlane(30.6, 114.3).y).toBeCloseTo(3_580_910, -1);
    expect(metresPerPixel(0)).toBeCloseTo(156_543.03, 1);
    expect(metresPerPixel(12) * 2).toBeCloseTo(metresPerPixel(11), 6);
  });
});

describe('lineSignificance', () => {
  // A wandering track: a wiggle on a wiggle, so every scale has something to keep.
  const track = Array.from({ length: 3001 }, (_, i) => ({
    x: i,
    y: 400 * Math.sin(i / 700) + 30 * Math.sin(i / 40) + 2 * Math.sin(i / 3),
  }));
  const significance = lineSignificance(track, 0);

  /** Textbook recursive Douglas–Peucker at one tolerance, as the reference. */
  function douglasPeucker(points: typeof track, tolerance: number): number[] {
    const keep = new Set([0, points.length - 1]);
    const split = (first: number, last: number) => {
      let farthest = -1;
      let best = 0;
      for (let i = first + 1; i < last; i++) {
        const a = points[first]!;
        const b = points[last]!;
        const p = points[i]!;
        const length = (b.x - a.x) ** 2 + (b.y - a.y) ** 2;
        const t = Math.max(0, Math.min(1, ((p.x - a.x) * (b.x - a.x) + (p.y - a.y) * (b.y - a.y)) / length));
        const d = (p.x - a.x - t * (b.x - a.x)) ** 2 + (p.y - a.y - t * (b.y - a.y)) ** 2;
        if (d > best) [farthest, best] = [i, d];
      }
      if (farthest >= 0 && best > tolerance * tolerance) {
        keep.add(farthest);
        split(first, farthest);
        split(farthest, last);
      }
    };
    split(0, points.length - 1);
    return [...keep].sort((x, y) => x - y);
  }

  it('gives at each tolerance exactly what Douglas–Peucker at that tolerance keeps', () => {
    for (const tolerance of [0.5, 1, 5, 20, 100]) {
      expect(keepAbove(significance, tolerance)).toEqual(douglasPeucker(track, tolerance));
    }
  });

  it('keeps fewer points at coarser tolerances, each a subset of the finer one', () => {
    const fine = keepAbove(significance, 1);
    const coarse = keepAbove(significance, 20);
    expect(coarse.length).toBeLessThan(fine.length / 3);
    expect(coarse.every((i) => fine.includes(i))).toBe(true);
  });
});
