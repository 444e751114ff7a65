export { isCapturedFile } from "./captured";
export { inspectContents } from "./inspect-contents";
