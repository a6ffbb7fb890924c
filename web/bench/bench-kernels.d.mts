export interface BenchKernels {
  exports: {
    memory: WebAssembly.Memory;
    f32_vcopy__wasmsimd_u32(src: number, dst: number, n: number): void;
    f32_vcopy__memory_copy(src: number, dst: number, n: number): void;
    f32_vrelu__wasmsimd_ref_u4(x: number, y: number, n: number): void;
    f32_vrelu_backward__wasmsimd_ref_u4(x: number, dy: number, dx: number, n: number): void;
    f32_vrelu__package(x: number, y: number, n: number): void;
    f32_vrelu_backward__package(x: number, dy: number, dx: number, n: number): void;
  };
  alloc(n: number, options?: { emmalloc?: boolean; stagger?: number }): number;
  release(): void;
  f32(at: number, n: number): Float32Array;
}
export declare function loadBenchKernels(bytes: BufferSource): Promise<BenchKernels>;
