import type { StackId } from './component';
import type { ResolvedEnvironment } from './resolve-environment';

/** One row of an environment's console table. */
export interface ResolvedConsole {
  readonly stack: StackId;
  /** What it is, e.g. `WSO2 Publisher`. */
  readonly name: string;
  /** Its public URL, from the stack's resolved URLs. */
  readonly url: string;
}

/**
 * The consoles and public endpoints of an environment, in the order the products' guides list them (the
 * WSO2 Pattern 5 guide's "Access Management Consoles", then Axway's interfaces); a stack the environment
 * does not run has no rows. The URLs are the ones the models decided, never rebuilt here.
 */
export function environmentConsoles(env: Pick<ResolvedEnvironment, 'wso2' | 'axway'>): ResolvedConsole[] {
  const rows: ResolvedConsole[] = [];
  const w = env.wso2?.urls;
  if (w)
    rows.push(
      { stack: 'wso2', name: 'WSO2 Publisher', url: w.publisher },
      { stack: 'wso2', name: 'WSO2 Developer Portal', url: w.devportal },
      { stack: 'wso2', name: 'WSO2 Admin portal', url: w.admin },
      { stack: 'wso2', name: 'WSO2 Carbon console', url: w.carbon },
      { stack: 'wso2', name: 'WSO2 Universal Gateway (HTTPS)', url: w.gateway },
      { stack: 'wso2', name: 'WSO2 Universal Gateway (WebSocket)', url: w.websocket },
      { stack: 'wso2', name: 'WSO2 Universal Gateway (WebSub)', url: w.websub },
    );
  const a = env.axway?.urls;
  if (a)
    rows.push(
      { stack: 'axway', name: 'Axway API Gateway Manager (ANM)', url: a.adminNodeManager },
      { stack: 'axway', name: 'Axway API Manager UI', url: a.apiManager },
      { stack: 'axway', name: 'Axway API traffic', url: a.traffic },
    );
  return rows;
}
