import type { Loader } from "@/lib/notify/outbox";
export const loadRuleNotice: Loader = () => Promise.resolve(null);
