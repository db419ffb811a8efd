import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { AgentDelivery, agentOutcome, outcomeText } from '../../core/agent/agentOutcome';
import { AgentImageRecord, imageRecord, imagesResult } from '../../core/agent/agentStructured';
import { readEmbeddedProvenance } from '../../core/image/imageMetadata';
import { sniffImage } from '../../core/image/imageType';
import { JobOutcome } from '../../core/job/generationJob';
import { GenerationRequest } from '../../core/spec/validation';
import { thumbnailOf } from '../../node/thumbnail';
import { workspaceRelative } from '../../node/workspacePath';
import { AgentTarget } from './agentDelivery';

/** MCP content blocks, as the protocol spells them. */
export type Content =
  | { type: 'text'; text: string }
  | { type: 'image'; data: string; mimeType: string }
  | { type: 'resource_link'; uri: string; name: string; mimeType?: string; description?: string };
export interface ToolResult {
  content: Content[];
  isError?: boolean;
  structuredContent?: Record<string, unknown>;
  [key: string]: unknown;
}

export function errorResult(text: string): ToolResult {
  return { content: [{ type: 'text', text }], isError: true };
}

/**
 * A result that declares an outputSchema: structuredContent for programs, and for older clients the
 * same as text, the serialized JSON last (the specification says it SHOULD be there).
 */
function imagesToolResult(content: Content[], records: AgentImageRecord[]): ToolResult {
  const structuredContent = imagesResult(records);
  return { content: [...content, { type: 'text', text: JSON.stringify(structuredContent) }], structuredContent };
}

/** What one saved file gives an agent: the text, a file link and a thumbnail. */
function imageContent(workspace: string, file: string, bytes: Uint8Array, delivery: Omit<AgentDelivery, 'image' | 'thumbnailNote'>): { content: Content[]; record: AgentImageRecord } {
  const info = sniffImage(bytes);
  const thumbnail = info ? thumbnailOf(bytes, info.format) : ({ ok: false, reason: 'no thumbnail: the file is not an image this server reads' } as const);
  const outcome = agentOutcome({
    ...delivery,
    image: workspaceRelative(workspace, file),
    thumbnailNote: thumbnail.ok ? `thumbnail: ${thumbnail.width}x${thumbnail.height} PNG (the full image is in the file)` : thumbnail.reason,
  });
  const content: Content[] = [
    { type: 'text', text: outcomeText(outcome) },
    { type: 'resource_link', uri: pathToFileURL(file).href, name: path.basename(file), mimeType: info?.mime, description: outcome.prompt },
  ];
  if (thumbnail.ok) {
    content.push({ type: 'image', data: thumbnail.png.toString('base64'), mimeType: 'image/png' });
  }
  return { content, record: imageRecord(outcome) };
}

function documentOf(workspace: string, target: AgentTarget): string | undefined {
  return target.document === undefined ? undefined : workspaceRelative(workspace, target.document);
}

/**
 * The result of a generation (one or several variations) or a resume that saved its images just
 * now; `notes` (variations that failed, say) come first.
 */
export function deliveredResult(workspace: string, outcomes: JobOutcome<string> | ReadonlyArray<JobOutcome<string>>, target: AgentTarget, notes: string[] = []): ToolResult {
  const content: Content[] = notes.map((text) => ({ type: 'text', text }));
  const records: AgentImageRecord[] = [];
  const list: ReadonlyArray<JobOutcome<string>> = 'result' in outcomes ? [outcomes] : outcomes;
  for (const outcome of list) {
    outcome.result.images.forEach((image, index) => {
      const made = imageContent(workspace, outcome.saved[index].location, image.bytes, { document: documentOf(workspace, target), inserted: outcome.placed, alt: target.alt, generated: image });
      content.push(...made.content);
      records.push(made.record);
    });
  }
  return imagesToolResult(content, records);
}

/**
 * The result for an image saved earlier (a resume that finds it on disk): read back from the file,
 * its provenance from inside it, or else what the task asked for.
 */
export function savedFileResult(workspace: string, file: string, task: { taskId: string; request: GenerationRequest }, target: AgentTarget): ToolResult {
  const bytes = fs.readFileSync(file);
  const { prompt, seed, width, height } = task.request;
  const provenance = readEmbeddedProvenance(bytes) ?? { prompt, seed, width, height, taskId: task.taskId };
  const info = sniffImage(bytes) ?? {};
  const made = imageContent(workspace, file, bytes, { document: documentOf(workspace, target), inserted: target.document !== undefined, alt: target.alt, generated: { info, provenance } });
  return imagesToolResult([{ type: 'text', text: `task ${task.taskId}: its image was saved already; nothing was downloaded again.` }, ...made.content], [made.record]);
}
