/** Readability's "is this page probably an article" check alone, without the parser it ships with. */
declare module '@mozilla/readability/Readability-readerable.js' {
  const isProbablyReaderable: (
    document: Document,
    options?: { minContentLength?: number; minScore?: number; visibilityChecker?: (node: Node) => boolean },
  ) => boolean;
  export default isProbablyReaderable;
}
