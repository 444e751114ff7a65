export * from "./bytes";
export * from "./number";
export * from "./date";
export * from "./platform";
export * from "./reference";
