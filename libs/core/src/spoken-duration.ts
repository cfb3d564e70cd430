/** A duration as a person reads it in a progress line: "41.2 s", or "12 min 05 s" from a minute on. */
export function spokenDuration(ms: number): string {
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, '0')} s`;
}
