export default function Home() {
  return (
    <main className="mx-auto max-w-3xl p-8">
      <h1 className="text-2xl font-semibold">Skein</h1>
      <p className="mt-2 text-muted">Content-free observability and cost tracking for AI agents.</p>
    </main>
  );
}
