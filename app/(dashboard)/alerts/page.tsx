import { Suspense } from "react";
import { currentUser } from "@/lib/server/session";
import { AlertsClient } from "./alerts-client";

export const metadata = { title: "Alerts" };

export default async function AlertsPage() {
  const user = await currentUser();
  return (
    <Suspense>
      <AlertsClient canEdit={user?.role === "admin"} />
    </Suspense>
  );
}
