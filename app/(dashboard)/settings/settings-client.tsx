"use client";

import { CredentialList } from "@/components/settings/credential-list";
import { ProjectsSection } from "@/components/settings/projects-section";
import { UsersSection } from "@/components/settings/users-section";
import { DroppedKeysSection } from "@/components/settings/dropped-keys-section";
import { PricesSection } from "@/components/settings/prices-section";
import { useProject, useUrlState } from "@/components/shell/use-dashboard-params";

export function SettingsClient({ canEdit }: { canEdit: boolean }) {
  const project = useProject();
  const { set } = useUrlState();
  const origin = typeof window === "undefined" ? "http://localhost:3000" : window.location.origin;
  return (
    <div className="mx-auto max-w-4xl space-y-5 p-6">
      <h1 className="text-lg font-semibold">Settings</h1>
      <CredentialList
        title="Ingest keys"
        description={`Agents send traces with these (project "${project}"). Only a hash is stored.`}
        endpoint="/api/ingest-keys"
        project={project}
        canEdit={canEdit}
        secretField="key"
        snippet={(key) =>
          `export OTEL_EXPORTER_OTLP_ENDPOINT=${origin}\nexport OTEL_EXPORTER_OTLP_HEADERS="Authorization=Bearer%20${key}"\nexport OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf`
        }
      />
      <CredentialList
        title="API tokens"
        description="For scripts and agents calling the JSON API (Authorization: Bearer <token>). Scoped to this project."
        endpoint="/api/tokens"
        project={project}
        canEdit={canEdit}
        withRole
        secretField="token"
      />
      <ProjectsSection canEdit={canEdit} onCreated={(slug) => set({ project: slug })} />
      <UsersSection canEdit={canEdit} />
      <PricesSection canEdit={canEdit} />
      <DroppedKeysSection project={project} />
    </div>
  );
}
