"use client";

import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/**
 * False while the page is server-rendered HTML that React has not hydrated yet, true after.
 * (useSyncExternalStore takes the server snapshot during hydration, so there is no effect and
 * no extra render on later client-side mounts.)
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}

/**
 * Wraps a server-rendered form's controls and keeps them disabled until React has hydrated it.
 * Before that, text typed into a controlled input is not in React's state (the form would
 * submit it empty), and a click submits the form natively: a GET that reloads the page with the
 * fields, passwords included, in the URL. `display: contents` leaves the form's layout alone.
 */
export function HydratedFieldset({ children, className = "contents" }: { children: React.ReactNode; className?: string }) {
  const hydrated = useHydrated();
  return (
    <fieldset disabled={!hydrated} className={className}>
      {children}
    </fieldset>
  );
}
