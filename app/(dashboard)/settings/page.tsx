import { Suspense } from "react";
import { currentUser } from "@/lib/server/session";
import { SettingsClient } from "./settings-client";

export const metadata = { title: "Settings" };

export default async function SettingsPage() {
  const user = await currentUser();
  return (
    <Suspense>
      <SettingsClient canEdit={user?.role === "admin"} />
    </Suspense>
  );
}
