import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { MockServer, Scenario, startMockServer } from '../mock/server';
import { CLI } from './cliProcess';

export interface CliFixture {
  mock: MockServer;
  /** A fresh folder per test, removed after it: the CLI's working folder. */
  dir: string;
}

/**
 * The setup every CLI test file shares: the built CLI must exist, one mock for the file (reset, with
 * `scenario`, before each test) and a fresh temporary folder per test. `use` receives both each time.
 */
export function useCliAgainstMock(options: { apiKey: string; prefix: string; scenario: Scenario }, use: (fixture: CliFixture) => void): void {
  let mock: MockServer | undefined;
  let dir: string | undefined;
  before(async () => {
    assert.ok(fs.existsSync(CLI), `${CLI} is missing: build with node esbuild.js --tests`);
    mock = await startMockServer({ apiKey: options.apiKey });
  });
  after(() => mock?.close());
  beforeEach(() => {
    mock!.reset();
    mock!.setScenario({ default: options.scenario });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), options.prefix));
    use({ mock: mock!, dir });
  });
  afterEach(() => dir && fs.rmSync(dir, { recursive: true, force: true }));
}
