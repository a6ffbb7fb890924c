// Generated into dist/embedded/ by web/scripts/build-embedded.mjs: relu-scalar.wasm as base64.
declare const base64: string;
export default base64;
