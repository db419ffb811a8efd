// Loaded only when SPARK_TEST_INCLUDE_FAILING=1 (the runner's self-check): the test passes, but
// leaves a rejected promise nobody handles, which must still fail the host layer.
describe('self-check (host): an unhandled rejection', () => {
  it('passes, leaving a rejection nobody handles', async () => {
    void Promise.reject(new Error('left unhandled on purpose by the runner self-check'));
    await new Promise((resolve) => setTimeout(resolve, 20));
  });
});
