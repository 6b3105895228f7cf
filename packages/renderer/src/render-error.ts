/** One problem with a rendered object, e.g. `Deployment/wso2-gateway: spec.replicas: must be at least 0`. */
export interface ObjectIssue {
  /** `Kind/name` of the object. */
  readonly object: string;
  /** Dotted field path inside the object. */
  readonly path: string;
  readonly message: string;
}

/** Every problem found in the objects rendered for one environment, thrown once. */
export class RenderError extends Error {
  constructor(
    readonly environment: string,
    readonly issues: readonly ObjectIssue[],
  ) {
    super(issues.map((i) => `${environment}: ${i.object}: ${i.path}: ${i.message}`).join('\n'));
    this.name = 'RenderError';
  }
}
