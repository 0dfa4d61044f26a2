"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { clsx } from "clsx";
import { Activity, Bell, FileText, LayoutDashboard, ListTree, Settings, Wallet } from "lucide-react";
import { ProjectSwitcher } from "./project-switcher";
import { TimeRangePicker } from "./time-range-picker";
import { ThemeToggle } from "./theme-toggle";
import { UserMenu } from "./user-menu";
import { RefreshButton } from "./refresh-button";
import { useCarriedParams } from "./use-dashboard-params";

const NAV = [
  { href: "/", label: "Overview", icon: LayoutDashboard, ready: true },
  { href: "/traces", label: "Traces", icon: ListTree, ready: true },
  { href: "/budgets", label: "Budgets", icon: Wallet, ready: true },
  { href: "/alerts", label: "Alerts", icon: Bell, ready: true },
  { href: "/reports", label: "Reports", icon: FileText, ready: true },
  { href: "/settings", label: "Settings", icon: Settings, ready: true },
] as const;

export function AppShell({ user, children }: { user: { username: string; role: "admin" | "viewer" }; children: React.ReactNode }) {
  const pathname = usePathname();
  const carried = useCarriedParams();
  const active = (href: string) => (href === "/" ? pathname === "/" : pathname.startsWith(href));
  return (
    <div className="flex min-h-screen">
      <nav aria-label="Main" className="sticky top-0 flex h-screen w-48 shrink-0 flex-col border-r border-border bg-surface px-2 py-3">
        <Link href={`/${carried}`} className="mb-4 flex items-center gap-2 px-2 text-base font-semibold tracking-tight">
          <Activity className="h-5 w-5 text-accent" aria-hidden />
          Skein
        </Link>
        <ul className="space-y-0.5">
          {NAV.map(({ href, label, icon: Icon, ready }) =>
            ready ? (
              <li key={href}>
                <Link
                  href={`${href}${carried}`}
                  aria-current={active(href) ? "page" : undefined}
                  className={clsx(
                    "flex items-center gap-2 rounded-md px-2 py-1.5",
                    active(href) ? "bg-accent-soft font-medium text-accent" : "text-foreground hover:bg-surface-2",
                  )}
                >
                  <Icon className="h-4 w-4" aria-hidden />
                  {label}
                </Link>
              </li>
            ) : (
              <li key={href}>
                <span aria-disabled="true" title="Coming soon" className="flex cursor-not-allowed items-center gap-2 rounded-md px-2 py-1.5 text-muted opacity-60">
                  <Icon className="h-4 w-4" aria-hidden />
                  {label}
                  <span className="ml-auto text-[10px] uppercase tracking-wide">soon</span>
                </span>
              </li>
            ),
          )}
        </ul>
      </nav>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="sticky top-0 z-20 flex h-12 items-center gap-2 border-b border-border bg-background/95 px-4 backdrop-blur">
          <ProjectSwitcher />
          <div className="flex-1" />
          <TimeRangePicker />
          <RefreshButton />
          <ThemeToggle />
          <UserMenu user={user} />
        </header>
        <main className="min-w-0 flex-1">{children}</main>
      </div>
    </div>
  );
}
