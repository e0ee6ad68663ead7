// The entry of an HTTP process in front of the writer; src/cluster/primary.ts forks it.
import { runFront } from './front.js';

runFront();
