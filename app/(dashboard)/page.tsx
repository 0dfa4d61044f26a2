import Link from "next/link";

export const metadata = { title: "Overview" };

export default function OverviewPage() {
  return (
    <div className="p-6">
      <h1 className="text-lg font-semibold">Overview</h1>
      <p className="mt-2 max-w-xl text-muted">
        Spend, latency and success-rate charts arrive here next. Meanwhile, browse your agents&apos; runs in{" "}
        <Link className="text-accent underline" href="/traces">
          Traces
        </Link>
        .
      </p>
    </div>
  );
}
