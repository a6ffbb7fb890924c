# The two WebAssembly binaries the package ships, built from the same sources:
#   relu-simd   -msimd128 (the WASM SIMD kernels)    relu-scalar  (for engines without SIMD)
# Each is an ES module factory (createReluModule) plus its .wasm, written to dist/wasm/.
set(RELU_WASM_OUT_DIR ${CMAKE_SOURCE_DIR}/dist/wasm CACHE PATH "Where the .mjs/.wasm pairs go")

set(RELU_WASM_LINK_FLAGS
  -O3
  -lembind
  -sMODULARIZE=1 -sEXPORT_ES6=1 -sEXPORT_NAME=createReluModule
  # Browsers and workers; Node loads the same files with the bytes passed in (wasmBinary).
  -sENVIRONMENT=web,worker
  -sALLOW_MEMORY_GROWTH=1
  # A failed malloc returns 0 (a RangeError in JS), never an abort.
  -sABORTING_MALLOC=0
  # No eval/new Function in the glue, so the package runs under a strict CSP.
  -sDYNAMIC_EXECUTION=0
  -sFILESYSTEM=0
  -sMALLOC=emmalloc
  -sINCOMING_MODULE_JS_API=wasmBinary,instantiateWasm,print,printErr,onAbort
  # Raw exports for the hot zero-copy kernels (bindings.cc): Module._name, called without
  # Embind's invoker. Benchmark-only kernels live in their own module (cpp/bench/wasm).
  "-sEXPORTED_FUNCTIONS=_relu_wasm_forward,_relu_wasm_backward,_relu_wasm_leaky_forward,_relu_wasm_leaky_backward,_relu_wasm_sigmoid_forward,_relu_wasm_sigmoid_backward,_relu_wasm_tanh_forward,_relu_wasm_tanh_backward"
)

foreach(variant simd scalar)
  if(variant STREQUAL "simd")
    relu_add_core(relu_core_${variant} -msimd128)
  else()
    relu_add_core(relu_core_${variant})
  endif()
  add_executable(relu-${variant} ${CMAKE_CURRENT_SOURCE_DIR}/bindings/bindings.cc)
  target_link_libraries(relu-${variant} PRIVATE relu_core_${variant})
  target_link_options(relu-${variant} PRIVATE ${RELU_WASM_LINK_FLAGS})
  set_target_properties(relu-${variant} PROPERTIES
    SUFFIX ".mjs"
    RUNTIME_OUTPUT_DIRECTORY ${RELU_WASM_OUT_DIR})
endforeach()
