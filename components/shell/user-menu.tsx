"use client";

import { LogOut, User } from "lucide-react";
import { apiSend } from "@/lib/query/api";

export function UserMenu({ user }: { user: { username: string; role: string } }) {
  const signOut = async () => {
    await apiSend("POST", "/api/auth/logout").catch(() => {});
    window.location.href = "/login";
  };
  return (
    <div className="flex items-center gap-2 border-l border-border pl-3">
      <span className="flex items-center gap-1 text-sm" title={`Signed in as ${user.username} (${user.role})`}>
        <User className="h-4 w-4 text-muted" aria-hidden />
        {user.username}
        <span className="rounded bg-surface-2 px-1.5 py-0.5 text-[11px] uppercase tracking-wide text-muted">{user.role}</span>
      </span>
      <button type="button" onClick={() => void signOut()} className="flex items-center gap-1 rounded-md px-2 py-1 text-muted hover:bg-surface-2 hover:text-foreground">
        <LogOut className="h-4 w-4" aria-hidden />
        Sign out
      </button>
    </div>
  );
}
