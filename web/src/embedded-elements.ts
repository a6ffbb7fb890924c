// relu-wasm/embedded/elements: the custom elements of relu-wasm/elements, loading the binaries
// embedded in the JavaScript (see embedded.ts). The elements start loading only after this
// module has run (shared-relu.ts), so the loader below is in place before the first load.
import { setDefaultLoad } from './elements/shared-relu.js';
import { loadRelu } from './embedded.js';

export * from './elements/register.js';

setDefaultLoad(loadRelu);
