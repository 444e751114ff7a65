"use client";

import { createContext, useCallback, useContext, useMemo, useSyncExternalStore, type ReactNode } from "react";
import { isUnitSystem, type UnitSystem } from "@/lib/format";

const STORAGE_KEY = "basescope.units";
const listeners = new Set<() => void>();

function read(): UnitSystem {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    return isUnitSystem(stored) ? stored : "si";
  } catch {
    return "si";
  }
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  // Other tabs change the setting through the storage event.
  const onStorage = (e: StorageEvent) => e.key === STORAGE_KEY && listener();
  window.addEventListener("storage", onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", onStorage);
  };
}

function write(system: UnitSystem): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, system);
  } catch {
    // Private mode or storage disabled: the choice still applies until reload.
  }
  memory = system;
  listeners.forEach((l) => l());
}

let memory: UnitSystem | null = null;

type UnitsContextValue = { system: UnitSystem; setSystem: (system: UnitSystem) => void };

const UnitsContext = createContext<UnitsContextValue | null>(null);

/**
 * Holds the MB/MiB choice. The server always renders SI; useSyncExternalStore switches to the stored
 * choice right after hydration, so the first client render matches the server HTML.
 */
export function UnitsProvider({ children }: { children: ReactNode }) {
  const system = useSyncExternalStore(
    subscribe,
    () => memory ?? read(),
    () => "si" as const,
  );
  const setSystem = useCallback((next: UnitSystem) => write(next), []);
  const value = useMemo(() => ({ system, setSystem }), [system, setSystem]);
  return <UnitsContext.Provider value={value}>{children}</UnitsContext.Provider>;
}

/** The current unit system; outside a provider it still follows the stored choice. */
export function useUnits(): UnitsContextValue {
  const ctx = useContext(UnitsContext);
  const fallback = useSyncExternalStore(
    subscribe,
    () => memory ?? read(),
    () => "si" as const,
  );
  return ctx ?? { system: fallback, setSystem: write };
}
