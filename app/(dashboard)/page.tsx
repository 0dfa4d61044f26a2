import { Suspense } from "react";
import { OverviewClient } from "./overview-client";

export const metadata = { title: "Overview" };

export default function OverviewPage() {
  return (
    <Suspense>
      <OverviewClient />
    </Suspense>
  );
}
