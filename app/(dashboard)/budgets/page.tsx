import { Suspense } from "react";
import { currentUser } from "@/lib/server/session";
import { BudgetsClient } from "./budgets-client";

export const metadata = { title: "Budgets" };

export default async function BudgetsPage() {
  const user = await currentUser();
  return (
    <Suspense>
      <BudgetsClient canEdit={user?.role === "admin"} />
    </Suspense>
  );
}
