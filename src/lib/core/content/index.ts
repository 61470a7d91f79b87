export {
  compileLesson,
  compileLibrary,
  formatProblem,
  summarize,
  type SourceFile,
  type CompiledLibrary
} from './compile';
export { fixIds } from './fix-ids';
export * from './types';
export { describeCounts } from './labels';
export { writtenCardIds } from './cards';
