export { SizingTable } from "./sizing-table";
export { SizeChart } from "./size-chart";
export { PackagesChart } from "./packages-chart";
export { SizeVsPackagesChart } from "./size-vs-packages-chart";
export { JavaShareChart } from "./java-share-chart";
export { CriteriaMatrix } from "./criteria-matrix";
export { LayersChart } from "./layers-chart";
export { LayersTable } from "./layers-table";
export { PackagesTable } from "./packages-table";
export { LargestFiles } from "./largest-files";
export { WastedPaths } from "./wasted-paths";
export { CompareTable } from "./compare-table";
export { RunHistory } from "./run-history";
export {
  compareHref,
  imageHref,
  isRootUser,
  javaText,
  libcText,
  osText,
  packagesText,
  userText,
} from "./facts";
export { isDebugVariant, toImageRow, type StoredImage } from "./to-image-row";
