import { OutputPlan, resolveOutput } from '../../core/output/outputPlan';
import { OutputOptions } from '../../core/repoConfig/repoConfig';
import { loadRepoConfig, repositoryRootOf } from '../../node/repoConfigFile';

/** The output of a CLI save: the flags, then the nearest spark-image.json's `output`, then png as sent. */
export async function cliOutputPlan(flags: OutputOptions | undefined, cwd: string): Promise<OutputPlan> {
  const { config } = await loadRepoConfig(cwd, repositoryRootOf(cwd));
  return resolveOutput(flags, config?.output);
}
