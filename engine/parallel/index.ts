/** The parallel explorer: the packed explorer's levels split over worker threads sharing memory. */
export { exploreParallel } from './parallel-bfs.ts';
