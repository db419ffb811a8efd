import * as path from 'path';
import * as vscode from 'vscode';
import type { GenerationService } from '../generation/generationService';
import type { generateTool, PendingLookup, resumeTool } from './imageTools';
import { LanguageModelTool, lmTools } from './lmApi';

type ToolsModule = { generateTool: typeof generateTool; resumeTool: typeof resumeTool };

/**
 * Registers sparkImage_generate and sparkImage_resume where the editor has language-model tools
 * (VS Code 1.95+; older editors simply have none). The tools live in dist/agentTool.js, required on
 * their first use, so the extension's own bundle carries only this.
 */
export function registerImageTools(context: vscode.ExtensionContext, service: GenerationService, pending: PendingLookup): void {
  const lm = lmTools();
  if (!lm) {
    return;
  }
  let loaded: ToolsModule | undefined;
  // A computed path: esbuild leaves it alone, and Node loads the separate bundle next to this one.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a separate bundle, loaded on first use
  const load = (): ToolsModule => (loaded ??= require(path.join(__dirname, 'agentTool.js')) as ToolsModule);
  const lazy = <T>(make: (module: ToolsModule) => LanguageModelTool<T>): LanguageModelTool<T> => {
    let tool: LanguageModelTool<T> | undefined;
    const get = () => (tool ??= make(load()));
    return { invoke: (options, token) => get().invoke(options, token), prepareInvocation: async (options, token) => get().prepareInvocation?.(options, token) };
  };
  context.subscriptions.push(
    lm.registerTool('sparkImage_generate', lazy((module) => module.generateTool(service, pending))),
    lm.registerTool('sparkImage_resume', lazy((module) => module.resumeTool(service, pending))),
  );
}
