export function Section({ id, title, description, children }: { id?: string; title: string; description?: string; children: React.ReactNode }) {
  return (
    <section id={id} className="scroll-mt-16 rounded-lg border border-border">
      <header className="border-b border-border px-4 py-3">
        <h2 className="font-semibold">{title}</h2>
        {description && <p className="mt-0.5 text-muted">{description}</p>}
      </header>
      <div className="p-4">{children}</div>
    </section>
  );
}

export function ErrorNote({ error }: { error: Error | null }) {
  if (!error) return null;
  return (
    <p role="alert" className="mt-2 rounded-md bg-danger-soft px-3 py-2 text-danger">
      {error.message}
    </p>
  );
}
