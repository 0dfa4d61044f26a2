import type { Metadata } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: "Skein",
  description: "Content-free observability and cost tracking for AI agents",
};

export default function RootLayout({ children }: Readonly<{ children: React.ReactNode }>) {
  return (
    <html lang="en">
      <body className="min-h-screen antialiased">{children}</body>
    </html>
  );
}
