import type { Metadata } from "next";
import "./globals.css";
import { Providers } from "@/components/providers";

export const metadata: Metadata = {
  title: { default: "Skein", template: "%s · Skein" },
  description: "Content-free observability and cost tracking for AI agents",
};

// Applies the saved theme before first paint (no flash of the wrong theme).
const themeScript = `try{var t=localStorage.getItem("skein-theme");if(t==="dark"||(!t&&matchMedia("(prefers-color-scheme: dark)").matches))document.documentElement.classList.add("dark")}catch(e){}`;

export default function RootLayout({ children }: Readonly<{ children: React.ReactNode }>) {
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: themeScript }} />
      </head>
      <body className="min-h-screen text-sm antialiased">
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
