// The C++ tests: GoogleTest through CTest, built natively with AddressSanitizer and UBSan.
import { run } from './tools.mjs';

run('cmake', ['-S', '.', '-B', 'build/native-sanitize', '-DRELU_SANITIZE=ON', '-DCMAKE_BUILD_TYPE=RelWithDebInfo']);
run('cmake', ['--build', 'build/native-sanitize', '--parallel']);
run('ctest', ['--test-dir', 'build/native-sanitize', '--output-on-failure', '--parallel', '2']);
