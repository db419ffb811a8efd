import type { ComposeParams, FromWebview } from '../protocol';

/** What the panel remembers across reloads (getState/setState; the serializer restores it). */
export interface SavedState {
  draft?: ComposeParams & { locked: boolean; sizeChoice: string };
  selected?: string;
  query?: string;
}

interface VsCodeApi {
  postMessage(message: FromWebview): void;
  getState(): SavedState | undefined;
  setState(state: SavedState): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

export const vscode: VsCodeApi = acquireVsCodeApi();

export function saveState(patch: Partial<SavedState>): void {
  vscode.setState({ ...(vscode.getState() ?? {}), ...patch });
}
