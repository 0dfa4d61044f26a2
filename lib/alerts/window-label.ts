/** A rule's window as people say it: "15 min", "24 h", "1 h 30 min". Shared by alert titles and the rules UI. */
export function windowLabel(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m ? `${h} h ${m} min` : `${h} h`;
}
