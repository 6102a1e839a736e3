// What every resolver receives: the current graph index (swapped whole when the graph is rebuilt).
import type { GraphIndex } from '../graph/index.js';

export interface GraphContext {
  index: GraphIndex;
}
