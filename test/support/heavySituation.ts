import type { Page, WebSocketRoute } from 'playwright-core';
import type { IncidentSummary } from '../../protocol/api/incidents';
import type { PositionReport } from '../../protocol/links/gnss';

/**
 * A heavy situation for the map's frame measurement: 5,000 incidents (every level) and a
 * 50,000-point track around a centre, fed to the real console page by rewriting the core's
 * answers to `incidents.list` and `position.track` on the page's API socket (everything else
 * passes through to the real host untouched).
 */

/** A deterministic pseudo-random sequence, so every run measures the same picture. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 16807) % 2147483647) / 2147483647;
}

const LEVELS = ['I', 'II', 'III', 'IV', 'unassessed'] as const;

export function heavyIncidents(centre: [number, number], count: number, now: number): IncidentSummary[] {
  const random = seeded(7);
  return Array.from({ length: count }, (_, i) => ({
    id: `01900000-0000-7000-8000-${i.toString(16).padStart(12, '0')}`,
    header: {
      category: 'accident',
      type: 'traffic',
      level: LEVELS[i % LEVELS.length]!,
      title: `Heavy ${i}`,
      latitude: centre[0] - 0.1 + random() * 0.2,
      longitude: centre[1] - 0.1 + random() * 0.2,
      occurredAt: now - 60_000,
    },
    status: 'open',
    openedAt: now - 60_000,
    closedAt: null,
    deadline: { due: now + 600_000, state: 'running', msLeft: 600_000, reachedAt: null },
    reports: 1,
    acked: 0,
    waiting: 1,
    lastReportAt: now - 60_000,
    followupsAsked: 0,
  }));
}

/** A winding track (a loop with small zig-zags, like a vehicle on town streets), one fix a second. */
export function heavyTrack(centre: [number, number], count: number, now: number): PositionReport[] {
  return Array.from({ length: count }, (_, i) => ({
    at: now - (count - i) * 1000,
    latitude: centre[0] + 0.08 * Math.sin(i / 800) + 0.002 * Math.sin(i / 7),
    longitude: centre[1] + 0.08 * Math.cos(i / 900),
    fixMode: '3d',
    sourceLinkId: 'gnss',
  }));
}

/** Routes the page's API socket so the two lists come from `answers` (call before `goto`). */
export async function feedHeavySituation(page: Page, answers: { incidents: IncidentSummary[]; track: PositionReport[] }): Promise<void> {
  await page.routeWebSocket(/\/api$/, (ws: WebSocketRoute) => {
    const server = ws.connectToServer();
    const rewritten = new Map<number, unknown>();
    ws.onMessage((message) => {
      const frame = JSON.parse(String(message)) as { id: number; method: string };
      if (frame.method === 'incidents.list') rewritten.set(frame.id, answers.incidents);
      if (frame.method === 'position.track') rewritten.set(frame.id, answers.track);
      server.send(message);
    });
    server.onMessage((message) => {
      const frame = JSON.parse(String(message)) as { type: string; id?: number; ok?: boolean };
      if (frame.type === 'result' && frame.ok && frame.id !== undefined && rewritten.has(frame.id)) {
        ws.send(JSON.stringify({ ...frame, value: rewritten.get(frame.id) }));
        rewritten.delete(frame.id);
        return;
      }
      ws.send(message);
    });
  });
}

/** Starts recording frame gaps (requestAnimationFrame) and the browser's long animation frames. */
export async function startFrameRecorder(page: Page): Promise<void> {
  await page.evaluate(() => {
    const g = globalThis as unknown as {
      requestAnimationFrame: (cb: (now: number) => void) => number;
      PerformanceObserver: typeof PerformanceObserver & { supportedEntryTypes: readonly string[] };
      __frames: FrameRecord;
    };
    type FrameRecord = { gaps: number[]; long: LongFrame[]; scripts: Array<{ ms: number; name: string }>; running: boolean };
    type LongFrame = { ms: number; scriptMs: number; layoutPaintMs: number; rafMs: number; scripts: string };
    const record: FrameRecord = { gaps: [], long: [], scripts: [], running: true };
    g.__frames = record;
    let last = performance.now();
    const tick = (now: number) => {
      record.gaps.push(now - last);
      last = now;
      if (record.running) g.requestAnimationFrame(tick);
    };
    g.requestAnimationFrame(tick);
    const type = g.PerformanceObserver.supportedEntryTypes.includes('long-animation-frame') ? 'long-animation-frame' : 'longtask';
    new g.PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        // A long-animation-frame entry names the scripts that ran in it (what to blame) and
        // when rendering started (style and layout, then paint): what is not script.
        const frame = entry as unknown as {
          renderStart?: number;
          styleAndLayoutStart?: number;
          scripts?: Array<{ duration: number; sourceFunctionName?: string; invoker?: string; sourceCharPosition?: number }>;
        };
        const scripts = frame.scripts ?? [];
        const names = scripts.map((script) => ({
          ms: script.duration,
          name: [script.invoker, script.sourceFunctionName, script.sourceCharPosition]
            .filter((part) => part !== undefined && part !== '')
            .join(' '),
        }));
        record.scripts.push(...names);
        const end = entry.startTime + entry.duration;
        const layoutAt = frame.styleAndLayoutStart || end;
        record.long.push({
          ms: entry.duration,
          scriptMs: names.reduce((sum, script) => sum + script.ms, 0),
          layoutPaintMs: frame.styleAndLayoutStart ? end - layoutAt : 0,
          rafMs: frame.renderStart && frame.styleAndLayoutStart ? frame.styleAndLayoutStart - frame.renderStart : 0,
          scripts: names.map((script) => `${script.name} ${script.ms.toFixed(0)} ms`).join(', '),
        });
      }
    }).observe({ type, buffered: false } as unknown as { type: 'mark' });
  });
}

/**
 * Stops recording: the longest gap between frames and the longest long frame (0 if none), ms,
 * and the longest script run inside long frames with its function's name.
 */
export async function stopFrameRecorder(page: Page): Promise<{
  longestGap: number;
  longestLongFrame: number;
  frames: number;
  longestScript: { ms: number; name: string };
  /** The three longest long frames: script time in them, animation-frame callbacks (renderStart to styleAndLayoutStart), and style, layout and paint (from styleAndLayoutStart to the end). */
  longFrames: Array<{ ms: number; scriptMs: number; layoutPaintMs: number; rafMs: number; scripts: string }>;
}> {
  return page.evaluate(() => {
    const record = (
      globalThis as unknown as {
        __frames: {
          gaps: number[];
          long: Array<{ ms: number; scriptMs: number; layoutPaintMs: number; rafMs: number; scripts: string }>;
          scripts: Array<{ ms: number; name: string }>;
          running: boolean;
        };
      }
    ).__frames;
    record.running = false;
    const gaps = record.gaps.slice(1);
    const longestScript = record.scripts.reduce((top, script) => (script.ms > top.ms ? script : top), { ms: 0, name: 'none' });
    const longFrames = [...record.long].sort((a, b) => b.ms - a.ms).slice(0, 3);
    return { longestGap: Math.max(...gaps), longestLongFrame: longFrames[0]?.ms ?? 0, frames: gaps.length, longestScript, longFrames };
  });
}

/**
 * The renderer main thread's longest tasks in a Chromium trace (`browser.startTracing`), by
 * wall time and by CPU time (thread time). On a shared machine the wall time includes waiting
 * for a core; the CPU time is the page's own work.
 */
export function longestTraceTasks(traceJson: string): { wallMs: number; cpuMs: number; cpuOfLongestWallMs: number } {
  type TraceEvent = { name: string; ph: string; pid: number; tid: number; dur?: number; tdur?: number; args?: { name?: string } };
  const parsed = JSON.parse(traceJson) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);
  // A task appears as one or both of these (nested): either gives its wall and CPU time.
  const TASK_EVENTS = new Set(['RunTask', 'ThreadControllerImpl::RunTask']);
  const mains = new Set(
    events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`),
  );
  // The page's main thread is the busiest renderer main thread in the trace.
  const tasksBy = new Map<string, TraceEvent[]>();
  for (const e of events) {
    const thread = `${e.pid}:${e.tid}`;
    if (e.ph !== 'X' || !TASK_EVENTS.has(e.name) || !mains.has(thread)) continue;
    const list = tasksBy.get(thread) ?? [];
    list.push(e);
    tasksBy.set(thread, list);
  }
  const tasks = [...tasksBy.values()].sort((a, b) => b.length - a.length)[0] ?? [];
  const longestWall = tasks.reduce<TraceEvent | undefined>((top, e) => ((e.dur ?? 0) > (top?.dur ?? 0) ? e : top), undefined);
  return {
    wallMs: (longestWall?.dur ?? 0) / 1000,
    cpuMs: Math.max(0, ...tasks.map((e) => e.tdur ?? 0)) / 1000,
    cpuOfLongestWallMs: (longestWall?.tdur ?? 0) / 1000,
  };
}
