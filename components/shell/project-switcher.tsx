"use client";

import { useQuery } from "@tanstack/react-query";
import { apiGet, queryKeys } from "@/lib/query/api";
import { useProject, useUrlState } from "./use-dashboard-params";

interface ProjectItem {
  id: number;
  slug: string;
  name: string;
}

export function ProjectSwitcher() {
  const project = useProject();
  const { set } = useUrlState();
  const { data } = useQuery({ queryKey: queryKeys.projects(), queryFn: () => apiGet<{ items: ProjectItem[] }>("/api/projects") });
  const items = data?.items ?? [{ id: 0, slug: project, name: project }];
  return (
    <label className="flex items-center gap-2">
      <span className="sr-only">Project</span>
      <select
        aria-label="Project"
        value={project}
        onChange={(e) => set({ project: e.target.value === "default" ? null : e.target.value, cursor: null, span: null })}
        className="h-8 rounded-md border border-border bg-background px-2 text-sm"
      >
        {items.map((p) => (
          <option key={p.slug} value={p.slug}>
            {p.name}
          </option>
        ))}
      </select>
    </label>
  );
}
