/**
 * The Node transport lives in src/node (it needs Node's http, https and dns); this name stays so
 * that older imports get the same guarded transport rather than one that ignores `refuseAddress`.
 */
export { nodeFetch } from '../node/nodeFetch';
