"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { HydratedFieldset } from "@/components/ui/hydrated";
import { apiGet, apiSend } from "@/lib/query/api";
import { formatTime } from "@/lib/format";
import { ErrorNote, Section } from "./section";
import { SecretReveal } from "./secret-reveal";

interface Credential {
  id: number;
  name: string;
  prefix: string;
  role?: string;
  createdAt: string;
  revokedAt: string | null;
}

interface Props {
  title: string;
  description: string;
  /** "/api/ingest-keys" or "/api/tokens" */
  endpoint: string;
  project: string;
  canEdit: boolean;
  withRole?: boolean;
  secretField: "key" | "token";
  snippet?: (secret: string) => string;
}

/** Ingest keys and API tokens: list, create (secret shown once), revoke. */
export function CredentialList({ title, description, endpoint, project, canEdit, withRole, secretField, snippet }: Props) {
  const client = useQueryClient();
  const key = [endpoint, project];
  const list = useQuery({ queryKey: key, queryFn: () => apiGet<{ items: Credential[] }>(endpoint, { project }) });
  const [name, setName] = useState("");
  const [role, setRole] = useState("viewer");
  const [secret, setSecret] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: () => apiSend<Record<string, string>>("POST", endpoint, withRole ? { name, role } : { name }, { project }),
    onSuccess: (res) => {
      setSecret(res[secretField] ?? null);
      setName("");
      void client.invalidateQueries({ queryKey: key });
    },
  });
  const revoke = useMutation({
    mutationFn: (id: number) => apiSend("DELETE", `${endpoint}/${id}`, undefined, { project }),
    onSuccess: () => void client.invalidateQueries({ queryKey: key }),
  });

  return (
    <Section title={title} description={description}>
      {canEdit ? (
        <form
          className="flex flex-wrap items-center gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            if (name.trim()) create.mutate();
          }}
        >
          <HydratedFieldset>
            <input
              aria-label={`${title} name`}
              placeholder="Name, e.g. production agents"
              value={name}
              onChange={(e) => setName(e.target.value)}
              className="h-8 w-72 max-w-full rounded-md border border-border bg-background px-2"
              required
              maxLength={100}
            />
            {withRole && (
              <select aria-label="Role" value={role} onChange={(e) => setRole(e.target.value)} className="h-8 rounded-md border border-border bg-background px-2">
                <option value="viewer">viewer (read only)</option>
                <option value="admin">admin</option>
              </select>
            )}
            <button type="submit" disabled={create.isPending} className="h-8 rounded-md bg-accent px-3 font-medium text-accent-foreground disabled:opacity-60">
              {create.isPending ? "Creating…" : "Create"}
            </button>
          </HydratedFieldset>
        </form>
      ) : (
        <p className="text-muted">Only admins can create or revoke these.</p>
      )}
      <ErrorNote error={create.error ?? revoke.error} />
      {secret && <SecretReveal label={`New ${title.toLowerCase().replace(/s$/, "")}`} secret={secret} snippet={snippet?.(secret)} onDone={() => setSecret(null)} />}
      {list.isPending ? (
        <div className="mt-3 h-16 animate-pulse rounded bg-surface-2" />
      ) : list.isError ? (
        <ErrorNote error={list.error} />
      ) : list.data.items.length === 0 ? (
        <p className="mt-3 text-muted">None yet.</p>
      ) : (
        <div className="mt-3 overflow-x-auto">
          <table className="w-full min-w-[28rem] text-[13px]">
            <thead className="text-left text-xs text-muted">
              <tr className="[&>th]:py-1.5 [&>th]:font-medium">
                <th>Name</th>
                <th>Key</th>
                {withRole && <th>Role</th>}
                <th>Created</th>
                <th>Status</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((c) => (
                <tr key={c.id} className="border-t border-border [&>td]:py-1.5">
                  <td>{c.name}</td>
                  <td className="font-mono text-xs text-muted">{c.prefix}…</td>
                  {withRole && <td>{c.role}</td>}
                  <td className="text-muted">{formatTime(c.createdAt, false)}</td>
                  <td>{c.revokedAt ? <span className="text-muted">revoked</span> : <span className="text-success">active</span>}</td>
                  <td className="text-right">
                    {canEdit && !c.revokedAt && (
                      <button
                        type="button"
                        onClick={() => {
                          if (window.confirm(`Revoke "${c.name}"? Clients using it will be refused.`)) revoke.mutate(c.id);
                        }}
                        className="rounded-md px-2 py-0.5 text-danger hover:bg-danger-soft"
                      >
                        Revoke
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Section>
  );
}
