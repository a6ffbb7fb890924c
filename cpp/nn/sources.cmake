# The training engine (cpp/nn) and the matrix kernels it is built on; included from
# cpp/CMakeLists.txt, compiled into relu_core (and into both WASM variants).
list(APPEND RELU_CORE_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/../kernels/f32_gemm_scalar.cc
  ${CMAKE_CURRENT_LIST_DIR}/../kernels/f32_gemm_wasmsimd.cc
  ${CMAKE_CURRENT_LIST_DIR}/../kernels/f32_conv_scalar.cc
  ${CMAKE_CURRENT_LIST_DIR}/../kernels/f32_conv_wasmsimd.cc
  ${CMAKE_CURRENT_LIST_DIR}/status.cc
  ${CMAKE_CURRENT_LIST_DIR}/prng.cc
  ${CMAKE_CURRENT_LIST_DIR}/dense.cc
  ${CMAKE_CURRENT_LIST_DIR}/hidden_activation.cc
  ${CMAKE_CURRENT_LIST_DIR}/loss.cc
  ${CMAKE_CURRENT_LIST_DIR}/optimizer.cc
  ${CMAKE_CURRENT_LIST_DIR}/optimizer_state.cc
  ${CMAKE_CURRENT_LIST_DIR}/weight_penalty.cc
  ${CMAKE_CURRENT_LIST_DIR}/train_checks.cc
  ${CMAKE_CURRENT_LIST_DIR}/dataset.cc
  ${CMAKE_CURRENT_LIST_DIR}/row_order.cc
  ${CMAKE_CURRENT_LIST_DIR}/training_net.cc
  ${CMAKE_CURRENT_LIST_DIR}/minibatch_loop.cc
  ${CMAKE_CURRENT_LIST_DIR}/evaluation.cc
  ${CMAKE_CURRENT_LIST_DIR}/network_config.cc
  ${CMAKE_CURRENT_LIST_DIR}/mlp.cc
  ${CMAKE_CURRENT_LIST_DIR}/channel_layout.cc
  ${CMAKE_CURRENT_LIST_DIR}/conv2d.cc
  ${CMAKE_CURRENT_LIST_DIR}/max_pool.cc
  ${CMAKE_CURRENT_LIST_DIR}/conv_net.cc
  ${CMAKE_CURRENT_LIST_DIR}/gradient_check.cc
)
