"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { HydratedFieldset } from "@/components/ui/hydrated";
import { apiGet, apiSend, queryKeys } from "@/lib/query/api";
import { ErrorNote, Section } from "./section";

interface ProjectItem {
  id: number;
  slug: string;
  name: string;
  retentionDays: number;
}

export function ProjectsSection({ canEdit, onCreated }: { canEdit: boolean; onCreated: (slug: string) => void }) {
  const client = useQueryClient();
  const list = useQuery({ queryKey: queryKeys.projects(), queryFn: () => apiGet<{ items: ProjectItem[] }>("/api/projects") });
  const [name, setName] = useState("");
  const create = useMutation({
    mutationFn: () => apiSend<ProjectItem>("POST", "/api/projects", { name }),
    onSuccess: (p) => {
      setName("");
      void client.invalidateQueries({ queryKey: queryKeys.projects() });
      onCreated(p.slug);
    },
  });
  return (
    <Section title="Projects" description="Each project has its own traces, ingest keys and API tokens.">
      {canEdit && (
        <form
          className="flex flex-wrap gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            if (name.trim()) create.mutate();
          }}
        >
          <HydratedFieldset>
            <input aria-label="Project name" placeholder="New project name" value={name} onChange={(e) => setName(e.target.value)} required maxLength={100} className="h-8 w-72 max-w-full rounded-md border border-border bg-background px-2" />
            <button type="submit" disabled={create.isPending} className="h-8 rounded-md bg-accent px-3 font-medium text-accent-foreground disabled:opacity-60">
              Create project
            </button>
          </HydratedFieldset>
        </form>
      )}
      <ErrorNote error={create.error} />
      <ul className="mt-3 divide-y divide-border">
        {list.data?.items.map((p) => (
          <li key={p.id} className="flex items-center justify-between py-1.5">
            <span>
              {p.name} <span className="font-mono text-xs text-muted">{p.slug}</span>
            </span>
            <span className="text-muted">keeps {p.retentionDays} days</span>
          </li>
        ))}
      </ul>
    </Section>
  );
}
