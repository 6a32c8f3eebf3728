// The print views in one chunk, loaded on first use through ./lazy.ts: the routes and the preview share most code.
export { PreviewForScope } from './PreviewForScope';
export { PrintPolicyRoute } from './PrintPolicyRoute';
export { PrintRoute } from './PrintRoute';
