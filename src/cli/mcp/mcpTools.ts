import * as path from 'path';
import * as fs from 'fs';
import { refuseUnknownArguments } from '../../core/agent/agentArguments';
import { AgentRequest, estimateLine, insertTargetOf, optionalText } from '../../core/agent/agentInput';
import { failureText } from '../../core/agent/agentOutcome';
import { estimateCostUsd } from '../../core/spend/pricing';
import { SparkError } from '../../core/spec/errors';
import { GenerationJob, JobFailure } from '../../core/job/generationJob';
import { SIZE_PRESETS } from '../../core/spec/spec';
import { insideWorkspace } from '../../node/workspacePath';
import { ApiConfig } from '../../core/api/client';
import { GenerateDeps } from '../../core/job/generate';
import { TaskStore } from '../../node/tasks/taskStore';
import { DEFAULT_DEADLINE_MS } from '../../core/polling/polling';
import { agentLinkPlacer, agentSink, AgentTarget, DEFAULT_FOLDER, destinationOf } from './agentDelivery';
import { proveWritable } from '../../node/writableProbe';
import { McpBudget, Reservation } from './budget';
import { styleRecordingSink } from '../../core/job/styledSink';
import { checkVariations, readCount } from '../../core/job/variations';
import { styledAgentInput } from '../../core/agent/agentStyle';
import { agentOutputOf } from '../../core/agent/agentOutput';
import { resolveOutput } from '../../core/output/outputPlan';
import { storedStyle } from '../generate/cliTasks';
import { loadRepoConfig } from '../../node/repoConfigFile';
import { styleSearchStart } from './mcpStyles';
import { listStyles, styleForCall } from './mcpStyles';
import { McpProgress } from './mcpProgress';
import { deliveredResult, errorResult, savedFileResult, ToolResult } from './mcpResults';
import { isNoSuchTask, resumePlan } from './storedTasks';
import { MCP_MAX_COUNT, ToolDefinition } from './toolList';

/** What one tool call has from the server around it. */
export interface CallContext {
  signal: AbortSignal;
  /** Set when the client sent a progress token. */
  progress?: McpProgress;
  /** Told when a call stops with a task left to resume (a cancelled request gets no answer). */
  kept?: (taskId: string, why: string) => void;
}

export interface McpToolsOptions {
  workspace: string;
  /** Made on the first call that sends anything: the key is read then, and refused then if missing. */
  api: () => ApiConfig;
  deps: (api: ApiConfig) => GenerateDeps;
  budget: McpBudget;
  deadlineMs?: number;
  /** Where paid tasks are kept, so that a restarted server finishes them (and a saved one is not fetched twice). */
  store: TaskStore<AgentTarget>;
  now?: () => number;
}

/** The tools of spark-image mcp: generate_image, resume_task and list_sizes, on the delivery pipeline. */
export class McpTools {
  constructor(private readonly options: McpToolsOptions) {}

  /** One tools/call of a listed tool: argument names checked first, whatever the client validated. */
  async call(tool: ToolDefinition, args: Record<string, unknown>, context: CallContext): Promise<ToolResult> {
    try {
      refuseUnknownArguments(tool.name, args, tool.inputSchema);
    } catch (error) {
      return errorResult(failureText(error, undefined, ''));
    }
    switch (tool.name) {
      case 'generate_image':
        return this.generate(args, context);
      case 'resume_task':
        return this.resume(args.task_id, context);
      case 'list_sizes':
        return this.listSizes();
      case 'list_styles':
        return listStyles(this.options.workspace, args).catch((error: unknown) => errorResult(failureText(error, undefined, '')));
    }
  }

  listSizes(): ToolResult {
    const lines = SIZE_PRESETS.map((preset) => `${preset.id}: ${preset.width}x${preset.height} (${preset.quality.toUpperCase()} ${preset.ratio}, ${estimateLine(preset.width, preset.height)})`);
    return { content: [{ type: 'text', text: `${lines.join('\n')}\nOr WIDTHxHEIGHT: 512×512 to 2048×2048 pixels in all, aspect 1:3 to 3:1.` }] };
  }

  private targetOf(request: AgentRequest): AgentTarget {
    const { workspace } = this.options;
    const destination = destinationOf(insideWorkspace(workspace, optionalText(request.path, 'path') ?? DEFAULT_FOLDER));
    const insert = insertTargetOf(request.insertInto);
    const alt = optionalText(request.alt, 'alt');
    // Proven before the create: a folder that cannot be written must not cost a paid task.
    const proof = proveWritable(destination.folder);
    if (!proof.ok) {
      throw new SparkError('validation', `Cannot save in the folder ${path.relative(workspace, proof.folder) || '.'}: ${proof.reason}. Nothing was sent.`);
    }
    if (!insert) {
      return { destination, alt };
    }
    const document = insideWorkspace(workspace, insert.document);
    if (!fs.existsSync(document) || !fs.statSync(document).isFile()) {
      throw new SparkError('validation', `insertInto.document must be an existing file in the workspace, not ${JSON.stringify(insert.document)}. Nothing was sent.`);
    }
    return { destination, document, line: insert.line, alt };
  }

  /** `resumedFrom`: the creation time of a resumed task, whose deadline then counts from now. The target's output and style apply. */
  private job(api: ApiConfig, target: AgentTarget, context: CallContext, resumedFrom?: number): GenerationJob<AgentTarget, string> {
    const deadlineMs = (resumedFrom === undefined ? 0 : this.now() - resumedFrom) + (this.options.deadlineMs ?? DEFAULT_DEADLINE_MS);
    return new GenerationJob<AgentTarget, string>({
      api,
      deps: this.options.deps(api),
      sink: styleRecordingSink(agentSink(context.signal), target.styled),
      placer: agentLinkPlacer,
      pending: this.options.store,
      target,
      polling: { signal: context.signal, deadlineMs, onProgress: (report) => context.progress?.report(report) },
      onTaskCreated: (task) => context.progress?.created(task),
    });
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  async generate(request: AgentRequest, context: CallContext): Promise<ToolResult> {
    const jobs: Array<GenerationJob<AgentTarget, string>> = [];
    let reservations: Reservation[] = [];
    try {
      // Everything is checked before anything is sent: rules, style, paths, then the caps for every variation.
      const api = this.options.api();
      const count = readCount(request.count, MCP_MAX_COUNT, 'count');
      const { input, styled } = styledAgentInput(request, await styleForCall(this.options.workspace, request));
      const { requests } = checkVariations(input, count, this.options.deps(api));
      // The arguments' output, else the nearest spark-image.json's (searched as the style is).
      const asked = agentOutputOf(request);
      const { workspace } = this.options;
      const fromFile = (await loadRepoConfig(styleSearchStart(workspace, request), workspace)).config?.output;
      const target: AgentTarget = { ...this.targetOf(request), output: resolveOutput(asked, fromFile), ...storedStyle(styled) };
      reservations = this.options.budget.reserveAll(requests.map((checked) => estimateCostUsd(checked.width, checked.height)));
      const settled = await Promise.allSettled(
        requests.map(async (checked, index) => {
          const job = this.job(api, target, context);
          jobs[index] = job;
          const outcome = await job.run(checked);
          reservations[index].settle(outcome.result.provenance.costUsd);
          return outcome;
        }),
      );
      const done = settled.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
      const failed = settled.flatMap((result, index) => (result.status === 'rejected' ? [{ error: result.reason as unknown, index }] : []));
      for (const { index } of failed) {
        if (!jobs[index]?.createdTaskId) {
          reservations[index].release();
        }
      }
      if (done.length === 0) {
        return this.failed(failed[0].error, jobs[failed[0].index]?.createdTaskId, context);
      }
      context.progress?.completed(`saved ${done.length} image(s)`);
      const notes = failed.map(({ error, index }) => `variation ${index + 1} of ${count} failed: ${this.failureMessage(error, jobs[index]?.createdTaskId, context)}`);
      return deliveredResult(this.options.workspace, done, target, notes);
    } catch (thrown) {
      reservations.forEach((reservation) => reservation.release());
      return this.failed(thrown, undefined, context);
    }
  }

  async resume(taskId: unknown, context: CallContext): Promise<ToolResult> {
    let job: GenerationJob<AgentTarget, string> | undefined;
    let known = false;
    try {
      if (typeof taskId !== 'string' || !/^[\w.:-]{1,200}$/.test(taskId)) {
        throw new SparkError('validation', `task_id must be the id of a task, as a generate_image result or error gave it, not ${JSON.stringify(taskId)}. Nothing was sent.`);
      }
      const { workspace, store } = this.options;
      const fallback: AgentTarget = { destination: { kind: 'folder', folder: insideWorkspace(workspace, DEFAULT_FOLDER) } };
      const plan = resumePlan(workspace, taskId, await store.get(taskId), fallback, this.now());
      if (plan.kind === 'saved') {
        return savedFileResult(workspace, plan.file, plan.entry, plan.entry.target);
      }
      known = plan.known;
      const api = this.options.api();
      // Kept (again) before polling: a saved record whose file is gone becomes pending once more.
      await store.put(plan.entry);
      job = this.job(api, plan.entry.target, context, plan.entry.createdAt);
      const outcome = await job.resume(plan.entry);
      if (outcome === 'linkedAlready') {
        return savedFileResult(workspace, plan.entry.savedImage ?? '', plan.entry, plan.entry.target);
      }
      context.progress?.completed(`saved ${outcome.saved.length} image(s)`);
      return deliveredResult(workspace, outcome, plan.entry.target);
    } catch (thrown) {
      if (typeof taskId === 'string' && isNoSuchTask(JobFailure.causeOf(thrown))) {
        return this.noSuchTask(taskId, known);
      }
      return this.failed(thrown, typeof taskId === 'string' ? taskId : job?.createdTaskId, context);
    }
  }

  /** The service says the task does not exist: final, forgotten, and no hint to try again. */
  private async noSuchTask(taskId: string, known: boolean): Promise<ToolResult> {
    await this.options.store.remove(taskId);
    const why = known ? 'it was created here, but the service no longer knows it (expired, or never finished creating)' : 'the service does not know it, and this server has no record of it';
    return errorResult(`No such task ${JSON.stringify(taskId)}: ${why}. Nothing was downloaded; resuming it again will not help.`);
  }

  private failed(thrown: unknown, taskId: string | undefined, context: CallContext): ToolResult {
    return errorResult(this.failureMessage(thrown, taskId, context));
  }

  /** What went wrong, and how to finish a task that was paid and kept. */
  private failureMessage(thrown: unknown, taskId: string | undefined, context: CallContext): string {
    const failure = thrown instanceof JobFailure ? thrown : undefined;
    const error = JobFailure.causeOf(thrown);
    const kept = failure?.resumable ? (failure.taskId ?? taskId) : undefined;
    const hint = `call resume_task with task_id "${kept}" to finish it without paying again.`;
    if (kept) {
      context.kept?.(kept, error instanceof Error ? error.message : String(error));
    }
    return failureText(error, kept, hint);
  }
}
