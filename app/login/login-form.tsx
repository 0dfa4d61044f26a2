"use client";

import { useSearchParams } from "next/navigation";
import { useState } from "react";

export function LoginForm() {
  const next = useSearchParams().get("next");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const submit = async (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setPending(true);
    setError(null);
    try {
      const res = await fetch("/api/auth/login", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ username: form.get("username"), password: form.get("password") }),
      });
      if (!res.ok) {
        const body = (await res.json().catch(() => ({}))) as { error?: string };
        setError(res.status === 401 ? "Wrong username or password." : (body.error ?? `Sign-in failed (${res.status}).`));
        return;
      }
      // Only same-site paths: never follow an absolute URL from the query string.
      window.location.href = next && next.startsWith("/") && !next.startsWith("//") ? next : "/";
    } catch {
      setError("Cannot reach Skein. Is the server running?");
    } finally {
      setPending(false);
    }
  };

  return (
    <form onSubmit={submit} className="mt-5 space-y-3">
      <label className="block">
        <span className="text-xs font-medium text-muted">Username</span>
        <input name="username" autoComplete="username" required autoFocus defaultValue="admin" className="mt-1 block w-full rounded-md border border-border bg-background px-3 py-2" />
      </label>
      <label className="block">
        <span className="text-xs font-medium text-muted">Password</span>
        <input name="password" type="password" autoComplete="current-password" required className="mt-1 block w-full rounded-md border border-border bg-background px-3 py-2" />
      </label>
      {error && (
        <p role="alert" className="rounded-md bg-danger-soft px-3 py-2 text-danger">
          {error}
        </p>
      )}
      <button type="submit" disabled={pending} className="w-full rounded-md bg-accent px-3 py-2 font-medium text-accent-foreground disabled:opacity-60">
        {pending ? "Signing in…" : "Sign in"}
      </button>
      <p className="text-xs text-muted">The first start printed the admin password, or set SKEIN_ADMIN_PASSWORD.</p>
    </form>
  );
}
