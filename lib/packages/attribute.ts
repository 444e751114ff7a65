import type {
  FileEntry,
  LayerScan,
  PackageDbScan,
  PackageManagerKind,
  PackageResult,
} from "../analysis/types";

export type PackageAttribution = {
  manager: PackageManagerKind | null;
  items: PackageResult[];
  perLayer: { added: string[]; removed: string[] }[];
  errors: string[];
};

type LiveDb = { scan: PackageDbScan; layer: number };
type Installed = Omit<PackageResult, "layerIndex">;

/**
 * The installed packages after each layer, and in which layer each one arrived. A database file found in
 * a layer replaces the one at that path; whiteouts, opaque directories and a non-directory replacing a
 * parent delete it. Packages are keyed by manager, name and architecture, so a version change shows as
 * an addition in the layer that made it.
 */
export function attributePackages(scans: LayerScan[]): PackageAttribution {
  const live = new Map<string, LiveDb>();
  let view = new Map<string, Installed>();
  const arrivedIn = new Map<string, number>();
  const perLayer: PackageAttribution["perLayer"] = [];

  scans.forEach((scan, i) => {
    if (live.size > 0) for (const e of scan.entries) dropHidden(live, e);
    for (const [path, db] of Object.entries(scan.packageDbs)) live.set(path, { scan: db, layer: i });
    const next = currentView(live);
    const added: string[] = [];
    const removed: string[] = [];
    for (const [key, p] of next) {
      const before = view.get(key);
      if (before && before.version === p.version) continue;
      arrivedIn.set(key, i);
      added.push(label(p));
    }
    for (const [key, p] of view) {
      if (next.has(key)) continue;
      removed.push(label(p));
      arrivedIn.delete(key);
    }
    perLayer.push({ added: added.sort(), removed: removed.sort() });
    view = next;
  });

  const items = [...view].map(([key, p]) => ({ ...p, layerIndex: arrivedIn.get(key) ?? 0 }));
  items.sort((a, b) => cmp(a.name, b.name) || cmp(a.arch ?? "", b.arch ?? "") || cmp(a.manager, b.manager));
  const errors = [...live]
    .filter(([, db]) => "error" in db.scan)
    .map(([path, db]) => `/${path} (layer ${db.layer + 1}): ${"error" in db.scan ? db.scan.error : ""}`);
  return { manager: mainManager(items, live), items, perLayer, errors };
}

/** Removes the databases an entry of a later layer hides: the path itself or any parent directory. */
function dropHidden(live: Map<string, LiveDb>, e: FileEntry) {
  if (e.kind === "dir") return;
  for (const path of live.keys()) {
    const under = path.startsWith(`${e.path}/`);
    if (e.kind === "opaque" ? under : under || path === e.path) live.delete(path);
  }
}

function currentView(live: Map<string, LiveDb>): Map<string, Installed> {
  const view = new Map<string, Installed>();
  // Older databases first, so where two paths list the same package the newer record wins.
  const dbs = [...live.values()].sort((a, b) => a.layer - b.layer);
  for (const { scan } of dbs) {
    if (!("packages" in scan)) continue;
    for (const p of scan.packages)
      view.set(`${scan.manager}\0${p.name}\0${p.arch ?? ""}`, { ...p, manager: scan.manager });
  }
  return view;
}

function mainManager(items: PackageResult[], live: Map<string, LiveDb>): PackageManagerKind | null {
  const counts = new Map<PackageManagerKind, number>();
  for (const p of items) counts.set(p.manager, (counts.get(p.manager) ?? 0) + 1);
  for (const { scan } of live.values())
    if (scan.manager !== "unknown" && !counts.has(scan.manager)) counts.set(scan.manager, 0);
  let best: PackageManagerKind | null = null;
  for (const [m, n] of counts) if (best === null || n > (counts.get(best) ?? 0)) best = m;
  return best;
}

function label(p: Installed): string {
  return `${p.name} ${p.version}`;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
