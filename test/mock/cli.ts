// `node out/test/mock/cli.js [--port 8787] [--image-port 8788] [--key KEY] [--duration MS] [--scenario JSON]`
// Starts the mock for manual runs and demos; stays up until Ctrl+C (or SIGTERM).
import { checkScenario, type Scenario } from './scenario';
import { startMockServer } from './server';

interface CliOptions {
  port: number;
  imagePort: number;
  key?: string;
  scenario: Scenario;
}

function parseArgs(argv: string[]): CliOptions {
  const options: CliOptions = { port: 8787, imagePort: 8788, scenario: {} };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    const integer = (): number => {
      const v = value();
      if (!/^\d+$/.test(v)) throw new Error(`${flag} needs a non-negative integer, got ${v}`);
      return Number(v);
    };
    switch (flag) {
      case '--port':
        options.port = integer();
        break;
      case '--image-port':
        options.imagePort = integer();
        break;
      case '--key':
        options.key = value();
        break;
      case '--duration':
        options.scenario = { ...options.scenario, durationMs: integer() };
        break;
      case '--scenario':
        options.scenario = { ...options.scenario, ...(checkScenario(JSON.parse(value()), '--scenario') as Scenario) };
        break;
      case '--help':
      case '-h':
        console.log('usage: cli.js [--port 8787] [--image-port 8788] [--key KEY] [--duration MS] [--scenario JSON]');
        process.exit(0);
        break;
      default:
        throw new Error(`unknown option ${flag} (try --help)`);
    }
  }
  return options;
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const mock = await startMockServer({
    port: options.port,
    imagePort: options.imagePort,
    apiKey: options.key,
    defaultScenario: options.scenario,
  });
  console.log('Spark Image mock API');
  console.log(`  base URL:   ${mock.baseUrl}`);
  console.log(`  API key:    ${mock.apiKey}`);
  console.log(`  create:     POST ${mock.createUrl}`);
  console.log(`  poll:       GET ${mock.taskUrl('{id}').replace('%7Bid%7D', '{id}')}`);
  console.log(`  images:     ${mock.imageBaseUrl}/images/…`);
  console.log(`  control:    POST ${mock.baseUrl}/__mock/scenario | POST /__mock/reset | GET /__mock/log | GET /__mock/counts`);
  console.log('Press Ctrl+C to stop.');
  const stop = (): void => {
    void mock.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`mock: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
