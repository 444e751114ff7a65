import { Fragment } from "react";

/**
 * Text such as an image reference or a file path, with line-break opportunities after "/" and before
 * ":" or "@": narrow columns then wrap "127.0.0.1:5731/team/" | "app:1" instead of mid-word.
 */
export function Breakable({ text }: { text: string }) {
  const parts = text.split(/(?<=\/)|(?=[:@])/);
  return (
    <>
      {parts.map((part, i) => (
        <Fragment key={i}>
          {i > 0 ? <wbr /> : null}
          {part}
        </Fragment>
      ))}
    </>
  );
}
