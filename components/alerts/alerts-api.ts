// Fetchers and query hooks for the Alerts page. Rule writes keep the 400's issues so the
// dialog can show each message beside its field.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ApiError, apiGet, apiSend } from "@/lib/query/api";
import { saveItem } from "@/lib/query/send-with-issues";
import type { TraceFacets } from "@/lib/db/trace-list";
import { normalizeAlert, type Alert, type RawAlert } from "./alert-model";
import type { Rule, RulePayload } from "./rule-model";

export const ALERTS_POLL_MS = 15_000;
export const ALERTS_LIMIT = 200;

export const alertKeys = {
  alerts: (project: string) => ["alerts", project] as const,
  rules: (project: string) => ["alert-rules", project] as const,
  facets: (project: string) => ["alert-rule-facets", project] as const,
};

/** POST a new rule or PATCH one; a refusal throws IssuesError with the 400's field issues. */
export function saveRule(project: string, id: number | null, body: RulePayload): Promise<Rule> {
  return saveItem<Rule>("/api/alert-rules", id, project, body, {
    401: "Your session has ended: sign in again (the rule was not saved)",
    ...(id === null && { 404: "This server does not have alert rules yet (POST /api/alert-rules answered 404)" }),
  });
}

export function useAlerts(project: string) {
  return useQuery({
    queryKey: alertKeys.alerts(project),
    queryFn: async (): Promise<Alert[]> => {
      const res = await apiGet<{ items?: RawAlert[] }>("/api/alerts", { project, limit: ALERTS_LIMIT });
      return (res.items ?? []).map(normalizeAlert);
    },
    refetchInterval: ALERTS_POLL_MS,
    staleTime: 0,
  });
}

export function useRules(project: string) {
  return useQuery({
    queryKey: alertKeys.rules(project),
    queryFn: async (): Promise<Rule[] | null> => {
      try {
        return (await apiGet<{ items: Rule[] }>("/api/alert-rules", { project })).items;
      } catch (err) {
        // Until the server has alert rules, say so instead of failing the page.
        if (err instanceof ApiError && err.status === 404) return null;
        throw err;
      }
    },
    refetchInterval: ALERTS_POLL_MS,
  });
}

/** Known agents, services, environments and models (all time) to suggest in the scope fields. */
export function useScopeFacets(project: string, enabled: boolean) {
  return useQuery({
    queryKey: alertKeys.facets(project),
    queryFn: () => apiGet<TraceFacets>("/api/traces/facets", { project }),
    enabled,
    staleTime: 5 * 60_000,
  });
}

/** Toggle and delete, with the list updated at once and re-read after. */
export function useRuleMutations(project: string) {
  const client = useQueryClient();
  const key = alertKeys.rules(project);
  const setRules = (fn: (rules: Rule[]) => Rule[]) => client.setQueryData<Rule[] | null>(key, (old) => (old ? fn(old) : old));
  const toggle = useMutation({
    mutationFn: ({ id, enabled }: { id: number; enabled: boolean }) => apiSend<Rule>("PATCH", `/api/alert-rules/${id}`, { enabled }, { project }),
    onMutate: async ({ id, enabled }) => {
      // A poll in flight must not put the old value back.
      await client.cancelQueries({ queryKey: key });
      const before = client.getQueryData<Rule[] | null>(key);
      setRules((rules) => rules.map((r) => (r.id === id ? { ...r, enabled } : r)));
      return { before };
    },
    onError: (_err, _vars, ctx) => client.setQueryData(key, ctx?.before),
    onSettled: () => void client.invalidateQueries({ queryKey: key }),
  });
  const remove = useMutation({
    mutationFn: (id: number) => apiSend<unknown>("DELETE", `/api/alert-rules/${id}`, undefined, { project }),
    onSuccess: (_res, id) => setRules((rules) => rules.filter((r) => r.id !== id)),
    onSettled: () => void client.invalidateQueries({ queryKey: key }),
  });
  return { toggle, remove };
}
