/**
 * This process's environment without any SPARK_IMAGE_* variable, then `extra`: a child process
 * sees only the settings its test gives it, never the ones of the machine running the tests.
 */
export function cleanEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && !name.startsWith('SPARK_IMAGE_')) {
      env[name] = value;
    }
  }
  return { ...env, ...extra };
}
