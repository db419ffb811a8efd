import { PollPolicy } from '../../src/core/polling/pollPolicy';

/** Schedules we compare ours with. None of them reads the progress a task reports. */
function fixed(name: string, ms: number): PollPolicy {
  return { name, jitter: 0, delay: () => ms };
}

/** VtrixAI/vtrix-cli polls the gateway every 5 s (its PollTask interval). */
export const vtrixCliPolicy = fixed('vtrix CLI: fixed 5 s', 5000);
/** SeaCloudAI/seacloud-cli polls every 5 s. */
export const seacloudCliPolicy = fixed('seacloud CLI: fixed 5 s', 5000);
/** The SeaArt SDKs (SeaArt-Infra/sea-sdk-js, sea-sdk-go) poll every 3 s by default. */
export const seaArtSdkPolicy = fixed('SeaArt SDKs: fixed 3 s', 3000);
export const fixedOneSecondPolicy = fixed('fixed 1 s', 1000);
export const doublingPolicy: PollPolicy = {
  name: 'doubling 1→8 s',
  jitter: 0,
  delay: (_elapsedMs, index) => Math.min(8000, 1000 * 2 ** index),
};

export const BASELINES: readonly PollPolicy[] = [vtrixCliPolicy, seacloudCliPolicy, seaArtSdkPolicy, fixedOneSecondPolicy, doublingPolicy];
