export { packageDbKind } from "./db-kind";
export { parsePackageDb } from "./parse-db";
export { attributePackages, type PackageAttribution } from "./attribute";
