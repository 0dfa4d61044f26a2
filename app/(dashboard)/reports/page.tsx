import { Suspense } from "react";
import { ReportsClient } from "./reports-client";

export const metadata = { title: "Reports" };

export default function ReportsPage() {
  return (
    <Suspense>
      <ReportsClient />
    </Suspense>
  );
}
