// Response times as a small chart drawn on the server: plain SVG, no script needed to read it. The
// median is the line, the 95th percentile the band above it; the caption says the same in words.

export interface ChartPoint {
  /** ISO time the hour or day starts. */
  start: string;
  p50Ms: number | null;
  p95Ms: number | null;
}

const WIDTH = 600;
const HEIGHT = 120;

export function ResponseTimeChart({ points, from, to, label }: { points: ChartPoint[]; from: string; to: string; label: string }) {
  const measured = points.filter((point): point is ChartPoint & { p50Ms: number } => point.p50Ms !== null);
  if (!measured.length) return <p className="text-sm text-slate-500 dark:text-slate-400">{`No response times yet for ${label.toLowerCase()}.`}</p>;
  const start = new Date(from).getTime();
  const span = Math.max(1, new Date(to).getTime() - start);
  const top = Math.max(...measured.map((point) => point.p95Ms ?? point.p50Ms)) * 1.1;
  const x = (point: ChartPoint) => ((new Date(point.start).getTime() - start) / span) * WIDTH;
  const y = (ms: number) => HEIGHT - (ms / top) * HEIGHT;
  const line = measured.map((point) => `${x(point).toFixed(1)},${y(point.p50Ms).toFixed(1)}`).join(' ');
  const band = [...measured.map((point) => `${x(point).toFixed(1)},${y(point.p95Ms ?? point.p50Ms).toFixed(1)}`), ...[...measured].reverse().map((point) => `${x(point).toFixed(1)},${y(point.p50Ms).toFixed(1)}`)].join(' ');
  const medians = measured.map((point) => point.p50Ms).sort((a, b) => a - b);
  const typical = medians[Math.floor(medians.length / 2)];
  const worst = Math.max(...measured.map((point) => point.p95Ms ?? point.p50Ms));
  const summary = `${label}: typically ${typical} ms; the slowest 5% up to ${worst} ms.`;
  return (
    <figure className="space-y-1">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} preserveAspectRatio="none" className="h-24 w-full text-sky-700 dark:text-sky-300" role="img" aria-label={summary}>
        <polygon points={band} className="fill-current opacity-15" />
        <polyline points={line} fill="none" stroke="currentColor" strokeWidth="2" vectorEffect="non-scaling-stroke" />
        {/* One point draws no line: a mark where it is. */}
        {measured.length === 1 && <circle cx={x(measured[0])} cy={y(measured[0].p50Ms)} r="3" className="fill-current" />}
      </svg>
      <figcaption className="flex justify-between gap-3 text-xs text-slate-600 dark:text-slate-400">
        <span>{summary}</span>
        <span aria-hidden="true">max {Math.round(top / 1.1)} ms</span>
      </figcaption>
    </figure>
  );
}
