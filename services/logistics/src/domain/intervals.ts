// Half-open intervals [start, end) and the sweeps over them that clash detection needs: which pairs
// overlap, and the pieces of the line where the set of covering intervals stays the same.
// (The kit's shared sweep was not there yet when this was written; move to it when it lands.)

export interface Span {
  start: number;
  end: number;
}

/** [a0, a1) and [b0, b1) share an instant; touching ends do not. Empty spans overlap nothing. */
export function overlaps(a: Span, b: Span): boolean {
  return a.start < a.end && b.start < b.end && a.start < b.end && b.start < a.end;
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

/**
 * The line cut at every start and end: each piece where at least one item is open, with the items
 * open on it, in order. Adjacent pieces always differ in their open set.
 */
export function segments<T>(items: readonly T[], span: (item: T) => Span): Segment<T>[] {
  const spans = items.map((item) => ({ item, s: span(item) })).filter((x) => x.s.start < x.s.end);
  const cuts = [...new Set(spans.flatMap((x) => [x.s.start, x.s.end]))].sort((a, b) => a - b);
  const out: Segment<T>[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const start = cuts[i]!;
    const end = cuts[i + 1]!;
    const active = spans.filter((x) => x.s.start <= start && end <= x.s.end).map((x) => x.item);
    if (active.length > 0) out.push({ start, end, active });
  }
  return out;
}
