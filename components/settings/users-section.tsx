"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { HydratedFieldset } from "@/components/ui/hydrated";
import { apiGet, apiSend, queryKeys } from "@/lib/query/api";
import { formatTime } from "@/lib/format";
import { ErrorNote, Section } from "./section";

interface UserItem {
  id: number;
  username: string;
  role: string;
  createdAt: string;
}

export function UsersSection({ canEdit }: { canEdit: boolean }) {
  const client = useQueryClient();
  const list = useQuery({ queryKey: queryKeys.users(), queryFn: () => apiGet<{ items: UserItem[] }>("/api/users") });
  const [form, setForm] = useState({ username: "", password: "", role: "viewer" });
  const create = useMutation({
    mutationFn: () => apiSend("POST", "/api/users", form),
    onSuccess: () => {
      setForm({ username: "", password: "", role: "viewer" });
      void client.invalidateQueries({ queryKey: queryKeys.users() });
    },
  });
  return (
    <Section title="Users" description="Admins change everything; viewers can look but not change.">
      {canEdit && (
        <form
          className="flex flex-wrap gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate();
          }}
        >
          <HydratedFieldset>
            <input aria-label="Username" placeholder="Username" value={form.username} onChange={(e) => setForm({ ...form, username: e.target.value })} required className="h-8 w-48 rounded-md border border-border bg-background px-2" />
            <input aria-label="Password" type="password" placeholder="Password (8+ characters)" minLength={8} value={form.password} onChange={(e) => setForm({ ...form, password: e.target.value })} required className="h-8 w-56 rounded-md border border-border bg-background px-2" />
            <select aria-label="User role" value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value })} className="h-8 rounded-md border border-border bg-background px-2">
              <option value="viewer">viewer</option>
              <option value="admin">admin</option>
            </select>
            <button type="submit" disabled={create.isPending} className="h-8 rounded-md bg-accent px-3 font-medium text-accent-foreground disabled:opacity-60">
              Add user
            </button>
          </HydratedFieldset>
        </form>
      )}
      <ErrorNote error={create.error ?? list.error} />
      <ul className="mt-3 divide-y divide-border">
        {list.data?.items.map((u) => (
          <li key={u.id} className="flex items-center justify-between py-1.5">
            <span>
              {u.username} <span className="rounded bg-surface-2 px-1.5 py-0.5 text-[11px] uppercase text-muted">{u.role}</span>
            </span>
            <span className="text-muted">since {formatTime(u.createdAt, false)}</span>
          </li>
        ))}
      </ul>
    </Section>
  );
}
