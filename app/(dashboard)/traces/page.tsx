import { Suspense } from "react";
import { TracesClient } from "./traces-client";

export const metadata = { title: "Traces" };

export default function TracesPage() {
  return (
    <Suspense>
      <TracesClient />
    </Suspense>
  );
}
