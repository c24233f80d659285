/** The part of web-ext's programmatic API the build uses. */
declare module 'web-ext' {
  interface BuildOptions {
    sourceDir: string;
    artifactsDir: string;
    filename?: string;
    overwriteDest?: boolean;
  }
  interface LintOptions {
    sourceDir: string;
    output?: 'json' | 'text';
    metadata?: boolean;
    pretty?: boolean;
    warningsAsErrors?: boolean;
    selfHosted?: boolean;
  }
  const webExt: {
    cmd: {
      build(options: BuildOptions, config?: { shouldExitProgram?: boolean }): Promise<{ extensionPath: string }>;
      lint(options: LintOptions, config?: { shouldExitProgram?: boolean }): Promise<unknown>;
    };
  };
  export default webExt;
}
