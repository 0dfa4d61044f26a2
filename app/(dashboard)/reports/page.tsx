import { Suspense } from "react";
import { currentUser } from "@/lib/server/session";
import { ReportsClient } from "./reports-client";

export const metadata = { title: "Reports" };

export default async function ReportsPage() {
  const user = await currentUser();
  return (
    <Suspense>
      <ReportsClient canEdit={user?.role === "admin"} />
    </Suspense>
  );
}
