/// <reference types="vite/client" />
// The side-by-side benchmark page (issue 6). `npm run bench` (web/bench/run.mjs) opens it with
// ?autorun and reads the JSON it leaves in [data-testid="bench-result"]; a reader can press
// Run. TF.js is imported only when the run starts, so merely loading the page stays light.
import { loadRelu, type ReluWasm } from 'relu-wasm';
import tfjsWasm from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import tfjsWasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import tfjsWasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
// The benchmark-only module (cpp/bench/wasm; built by `npm run build:wasm`, never in dist/).
import benchKernelsUrl from '../../../build/wasm/bench/relu-bench-kernels.wasm?url&no-inline';

import { loadBenchKernels } from '../../bench/bench-kernels.mjs';

import { runFrameBench } from '../../bench/frame-bench.mjs';
import {
  reluBackwardVariants,
  reluForwardVariants,
  runKernelBench,
  yardstickVariants,
} from '../../bench/kernel-bench.mjs';
import { tfjsKernelVariants, tfjsLayersContender, tfjsLoopContender } from '../../bench/tfjs-bench.mjs';
import { engineContender, plainJsContender, runTrainCompare } from '../../bench/train-compare.mjs';
import { CONV_INFER_CASE, CONV_TRAIN_CASE, convEngineContender, tfjsConvContender } from '../../bench/train-conv.mjs';
import { datasetEngineContender, runImageCompare } from '../../bench/train-images.mjs';

const button = document.querySelector<HTMLButtonElement>('#run')!;
const progress = document.querySelector<HTMLElement>('[data-testid="bench-progress"]')!;
const result = document.querySelector<HTMLElement>('[data-testid="bench-result"]')!;
const params = new URLSearchParams(location.search);
// ?quick: shorter samples, for trying the pipeline (not for numbers anyone should quote).
const timing = params.has('quick') ? { minSampleMs: 10, samples: 3 } : { minSampleMs: 50, samples: 7 };
// ?rounds=N: more interleaved rounds for the kernels (a busy machine); ?only=kernels skips
// training, the frame budget and TF.js (a quick look at the kernels alone); ?only=conv runs the
// convolutional network's rows alone.
const kernelTiming = {
  ...timing,
  samples: Math.max(3, Number(params.get('rounds') ?? timing.samples) || timing.samples),
};
const kernelsOnly = params.get('only') === 'kernels';
const say = (text: string) => (progress.textContent = text);

async function run(): Promise<void> {
  button.disabled = true;
  const started = performance.now();
  const simd = await loadRelu({ simd: true });
  const scalar = await loadRelu({ simd: false });
  if (params.get('only') === 'conv') {
    const tf = await loadTfjs();
    const trainConv = await runConv(tf, simd, scalar);
    finish({ kernel: [], train: [], frame: [], trainConv, tfjs: { version: tf.version.tfjs }, timing }, started);
    return;
  }
  const bench = await loadBenchKernels(await (await fetch(benchKernelsUrl)).arrayBuffer());
  const instances = [
    { label: 'relu-wasm SIMD', rw: simd },
    { label: 'relu-wasm scalar', rw: scalar },
  ];
  const onProgress = (p: { done: number; total: number; current: string }) =>
    say(`kernels ${p.done}/${p.total}: ${p.current}`);
  const kernel = await runKernelBench({
    variants: [...yardstickVariants(bench), ...reluForwardVariants(instances), ...reluBackwardVariants(instances)],
    onProgress,
    // Our kernels and the yardsticks sampled in rounds, so each ratio compares the same moments.
    interleave: true,
    ...kernelTiming,
  });
  if (kernelsOnly) {
    finish({ kernel, train: [], frame: [], tfjs: null, timing: kernelTiming }, started);
    return;
  }
  const train = await runTrainCompare({
    contenders: [
      engineContender(simd, 'relu-wasm SIMD, net.train'),
      engineContender(scalar, 'relu-wasm scalar, net.train'),
      plainJsContender(),
    ],
    onProgress: (s: string) => say(`training: ${s}`),
    ...timing,
  });
  say('frame budget');
  await new Promise((r) => setTimeout(r, 0));
  const frame = runFrameBench(simd, timing);

  const tf = await loadTfjs();
  for (const backend of ['cpu', 'wasm']) {
    if (!(await tf.setBackend(backend))) throw new Error(`TF.js backend ${backend} did not initialise`);
    await tf.ready();
    kernel.push(...(await runKernelBench({ variants: tfjsKernelVariants(tf, backend), onProgress, ...timing })));
    train.push(
      ...(await runTrainCompare({
        contenders: [tfjsLayersContender(tf, backend), tfjsLoopContender(tf, backend)],
        onProgress: (s: string) => say(`training: ${s}`),
        ...timing,
      })),
    );
  }
  // Image scale (issue 14), with TF.js's WASM backend active: every contender of a case sampled
  // in interleaved rounds (TF.js's CPU backend takes minutes at 784 inputs).
  const trainImages = await runImageCompare({
    contenders: [
      datasetEngineContender(simd, 'relu-wasm SIMD, net.trainOn'),
      datasetEngineContender(scalar, 'relu-wasm scalar, net.trainOn'),
      plainJsContender(),
      tfjsLoopContender(tf, 'wasm'),
      tfjsLayersContender(tf, 'wasm'),
    ],
    onProgress: (s: string) => say(`training at image scale: ${s}`),
    ...timing,
  });
  const trainConv = await runConv(tf, simd, scalar);
  finish(
    {
      kernel,
      train,
      trainImages,
      trainConv,
      frame,
      tfjs: { version: tf.version.tfjs, crossOriginIsolated: globalThis.crossOriginIsolated === true },
      timing: kernelTiming,
    },
    started,
  );
}

/** The convolutional network (issue 18): training against TF.js's CPU backend (its WASM
 * backend cannot train it), then inference against TF.js's WASM backend. */
async function runConv(tf: typeof import('@tensorflow/tfjs'), simd: ReluWasm, scalar: ReluWasm) {
  if (!(await tf.setBackend('cpu'))) throw new Error('TF.js backend cpu did not initialise');
  const trainConv = await runImageCompare({
    cases: [CONV_TRAIN_CASE],
    contenders: [
      convEngineContender(simd, 'relu-wasm SIMD, net.trainOn'),
      convEngineContender(scalar, 'relu-wasm scalar, net.trainOn'),
      tfjsConvContender(tf, 'cpu'),
    ],
    onProgress: (s: string) => say(`conv training: ${s}`),
    ...timing,
  });
  if (!(await tf.setBackend('wasm'))) throw new Error('TF.js backend wasm did not initialise');
  trainConv.push(
    ...(await runImageCompare({
      cases: [CONV_INFER_CASE],
      contenders: [
        convEngineContender(simd, 'relu-wasm SIMD, net.predict', 'infer'),
        tfjsConvContender(tf, 'wasm', 'infer'),
      ],
      onProgress: (s: string) => say(`conv inference: ${s}`),
      ...timing,
    })),
  );
  return trainConv;
}

async function loadTfjs() {
  const tf = await import('@tensorflow/tfjs');
  const { setWasmPaths } = await import('@tensorflow/tfjs-backend-wasm');
  setWasmPaths({
    'tfjs-backend-wasm.wasm': tfjsWasm,
    'tfjs-backend-wasm-simd.wasm': tfjsWasmSimd,
    'tfjs-backend-wasm-threaded-simd.wasm': tfjsWasmThreaded,
  });
  return tf;
}

function finish(parts: Record<string, unknown>, started: number): void {
  const report = {
    date: new Date().toISOString(),
    userAgent: navigator.userAgent,
    cores: navigator.hardwareConcurrency,
    ...parts,
    seconds: (performance.now() - started) / 1000,
  };
  result.textContent = JSON.stringify(report, null, 1);
  result.dataset.done = 'true';
  say(`done in ${report.seconds.toFixed(0)} s`);
  button.disabled = false;
}

function fail(e: unknown): void {
  result.textContent = `failed: ${e instanceof Error ? `${e.message}\n${e.stack}` : String(e)}`;
  result.dataset.done = 'error';
  button.disabled = false;
}

button.addEventListener('click', () => run().catch(fail));
if (params.has('autorun')) run().catch(fail);
