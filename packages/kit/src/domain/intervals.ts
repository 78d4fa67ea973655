// Half-open intervals [start, end) and the sweeps over them that booking checks need: overlap, the
// most intervals open at one instant (weighted, inside a window), and whether a new booking fits
// beside booked ones under a capacity. Pure. LOs (directory), vehicles, rooms and people (logistics)
// are booked with these; the messages and the meaning of "the same target" stay with each service.

/** [start, end) in epoch milliseconds; open ends are -Infinity / +Infinity. */
export interface Span {
  start: number;
  end: number;
}

/** A window as the API carries it: ISO 8601 instants, null for an open end. */
export interface Window {
  from: string | null;
  to: string | null;
}

export function spanOf(w: Window): Span {
  return { start: w.from === null ? Number.NEGATIVE_INFINITY : Date.parse(w.from), end: w.to === null ? Number.POSITIVE_INFINITY : Date.parse(w.to) };
}

/** Share an instant; touching ends do not, and an empty span overlaps nothing. */
export function overlaps(a: Span, b: Span): boolean {
  return a.start < a.end && b.start < b.end && a.start < b.end && b.start < a.end;
}

/** Open at the instant `at`. */
export function covers(s: Span, at: number): boolean {
  return s.start <= at && at < s.end;
}

/** Every unordered pair of items whose spans overlap: sort by start, sweep keeping the open ones. */
export function overlappingPairs<T>(items: readonly T[], span: (item: T) => Span): [T, T][] {
  const sorted = items
    .map((item) => ({ item, s: span(item) }))
    .filter((x) => x.s.start < x.s.end)
    .sort((x, y) => x.s.start - y.s.start);
  const pairs: [T, T][] = [];
  let open: typeof sorted = [];
  for (const x of sorted) {
    open = open.filter((o) => o.s.end > x.s.start);
    for (const o of open) pairs.push([o.item, x.item]);
    open.push(x);
  }
  return pairs;
}

export interface Segment<T> extends Span {
  active: T[];
}

/** The line cut at every start and end: each piece where some item is open, with the items open on it, in order. */
export function segments<T>(items: readonly T[], span: (item: T) => Span): Segment<T>[] {
  const spans = items.map((item) => ({ item, s: span(item) })).filter((x) => x.s.start < x.s.end);
  const cuts = [...new Set(spans.flatMap((x) => [x.s.start, x.s.end]))].sort((a, b) => a - b);
  const out: Segment<T>[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const start = cuts[i] as number;
    const end = cuts[i + 1] as number;
    const active = spans.filter((x) => x.s.start <= start && end <= x.s.end).map((x) => x.item);
    if (active.length > 0) out.push({ start, end, active });
  }
  return out;
}

export interface LoadOptions<T> {
  /** Only instants inside this span count (default: all time). */
  within?: Span;
  /** What each item takes (default 1): seats, beds, parties. */
  weight?: (item: T) => number;
}

/** The highest total weight open at one instant: a sweep over the items' edges, ends before starts. */
export function peakLoad<T>(items: readonly T[], span: (item: T) => Span, opts: LoadOptions<T> = {}): number {
  const within = opts.within ?? { start: Number.NEGATIVE_INFINITY, end: Number.POSITIVE_INFINITY };
  const edges: [number, number][] = [];
  for (const item of items) {
    const s = span(item);
    const start = Math.max(s.start, within.start);
    const end = Math.min(s.end, within.end);
    if (start >= end) continue;
    const w = opts.weight?.(item) ?? 1;
    edges.push([start, w], [end, -w]);
  }
  // At one instant, what ends leaves before what starts arrives (half-open).
  edges.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  let load = 0;
  let peak = 0;
  for (const [, d] of edges) {
    load += d;
    peak = Math.max(peak, load);
  }
  return peak;
}

export interface FitOptions<T> {
  /** The most total weight open at once, the candidate included. */
  capacity: number;
  /** Booked items that are the candidate's own target (the same party, the same passenger): never twice at once. */
  same?: (item: T) => boolean;
  weight?: (item: T) => number;
  /** What the candidate takes (default 1). */
  candidateWeight?: number;
}

export interface Fit<T> {
  /** Overlapping bookings of the same target. */
  duplicates: T[];
  /** More than the capacity would be open at some instant of the candidate's span. */
  overCapacity: boolean;
  /** When over capacity: every booking that overlaps the candidate (what to move); else empty. */
  overloaded: T[];
  /** The highest load inside the candidate's span, the candidate included. */
  peak: number;
}

/** Whether `candidate` fits beside `booked`: no overlapping duplicate, and never more than `capacity` at once. */
export function fit<T>(booked: readonly T[], candidate: Span, span: (item: T) => Span, opts: FitOptions<T>): Fit<T> {
  const overlapping = booked.filter((b) => overlaps(span(b), candidate));
  const duplicates = opts.same ? overlapping.filter(opts.same) : [];
  const peak = peakLoad(overlapping, span, { within: candidate, weight: opts.weight }) + (opts.candidateWeight ?? 1);
  const overCapacity = peak > opts.capacity;
  return { duplicates, overCapacity, overloaded: overCapacity ? overlapping : [], peak };
}
