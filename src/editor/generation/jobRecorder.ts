import * as vscode from 'vscode';
import { isSparkError } from '../../core/spec/errors';
import { JobFailure, JobOutcome } from '../../core/job/generationJob';
import { Dismissed } from '../dismissed';
import { GenerationOutcome, GenerationRecord } from './generationTypes';
import { PendingTarget } from './pendingStore';
import { GenerationStatusBar } from './statusBar';
import { walkthroughEvent } from '../walkthrough';

/** What every job came to, for the history views and the status bar's session cost. */
export class JobRecorder implements vscode.Disposable {
  private readonly recorded = new vscode.EventEmitter<GenerationRecord>();
  readonly onDidRecord = this.recorded.event;

  constructor(private readonly statusBar: GenerationStatusBar) {}

  /** Records a finished job; with no document to link into, the image is opened unless the caller shows it. */
  async completed(outcome: JobOutcome<vscode.Uri>, target: PendingTarget | undefined, openWithoutTarget: boolean): Promise<GenerationOutcome> {
    const images = outcome.saved.map((saved) => saved.location);
    const provenance = outcome.result.provenance;
    this.statusBar.paid(provenance.costUsd, images.length);
    if (images.length > 0) {
      walkthroughEvent('imageSaved');
    }
    if (!target && images[0] && openWithoutTarget) {
      await vscode.commands.executeCommand('vscode.open', images[0]);
    }
    this.recorded.fire({ kind: 'completed', provenance, images, documentUri: target?.documentUri });
    return { images, inserted: outcome.placed, result: outcome.result };
  }

  /** Records a failed job and hands back the error itself (what a thrown JobFailure carries). */
  failed(thrown: unknown): unknown {
    if (!(thrown instanceof JobFailure)) {
      return thrown;
    }
    const { cause: error, taskId, request, resumable } = thrown;
    if (!(error instanceof Dismissed)) {
      const message = error instanceof Error ? error.message : String(error);
      this.recorded.fire({ kind: 'failed', prompt: request.prompt, width: request.width, height: request.height, seed: request.seed, taskId, message, code: isSparkError(error) ? error.code : undefined, resumable });
    }
    return error;
  }

  dispose(): void {
    this.recorded.dispose();
  }
}
