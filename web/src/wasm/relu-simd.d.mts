// Types for the Emscripten ES-module factory written by the WASM build (dist/wasm/).
import type { ReluModuleFactory } from '../wasm-module.js';

declare const createReluModule: ReluModuleFactory;
export default createReluModule;
