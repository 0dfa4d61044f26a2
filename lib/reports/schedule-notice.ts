// STUB (being written): scheduled cost reports as notices for the delivery queue.
import type { Loader } from "@/lib/notify/outbox";

export const loadReportNotice: Loader = () => Promise.resolve(null);
