import { redirect } from "next/navigation";
import { Suspense } from "react";
import { AppShell } from "@/components/shell/app-shell";
import { currentUser } from "@/lib/server/session";

export const dynamic = "force-dynamic";

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const user = await currentUser();
  if (!user) redirect("/login");
  return (
    <Suspense>
      <AppShell user={{ username: user.username, role: user.role }}>{children}</AppShell>
    </Suspense>
  );
}
