/**
 * node-fetch 2 takes URL from Node's "url" module and falls back to the whatwg-url package only on
 * Node versions without it. Every host we run on has it, so the bundle maps whatwg-url here instead
 * of carrying its 260 KB Unicode table.
 */
export { URL } from 'url';
