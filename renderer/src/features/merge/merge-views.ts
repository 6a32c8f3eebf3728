// The merge preview and the merge's planning and applying in one chunk, loaded on first use through ./lazy.tsx.
export { MergePreview } from './MergePreview';
export { applyMerge, mergedNotice, planMergeWith } from './merge-change';
