import type { Metadata } from "next";
import Link from "next/link";
import { UnitToggle, UnitsProvider } from "@/components/ui";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "basescope", template: "%s · basescope" },
  description:
    "Which base image should we build on? Measured sizes, packages and contents of container base images, side by side.",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-bg text-fg antialiased">
        <UnitsProvider>
          <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:p-2">
            Skip to content
          </a>
          <header className="border-b border-line bg-surface">
            <nav
              aria-label="Main"
              className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3"
            >
              <Link href="/" className="text-lg font-semibold tracking-tight">
                basescope
              </Link>
              <Link href="/" className="text-sm hover:underline">
                Overview
              </Link>
              <Link href="/compare" className="text-sm hover:underline">
                Compare
              </Link>
              <Link href="/add" className="text-sm hover:underline">
                Add an image
              </Link>
              <UnitToggle className="ml-auto" />
            </nav>
          </header>
          <main id="main" className="mx-auto max-w-7xl px-4 py-6">
            {children}
          </main>
        </UnitsProvider>
      </body>
    </html>
  );
}
