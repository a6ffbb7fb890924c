// Ready-made experiments: each is a partial state applied over the defaults.
import type { State } from './state.js';

export interface Preset {
  id: string;
  title: string;
  note: string;
  state: Partial<State>;
}

export const PRESETS: readonly Preset[] = [
  {
    id: 'tf-default',
    title: 'TF Playground default',
    note: 'Circle, 4-2 tanh network, learning rate 0.03: the experiment TensorFlow Playground opens with (this page opens on ReLU).',
    state: { activation: 'tanh' },
  },
  {
    id: 'cs231n-spiral',
    title: 'CS231n spiral (2-100-3, softmax)',
    note: "Stanford CS231n's 3-class spiral: 100 ReLU units, softmax, learning rate 1, L2 0.001, full batch.",
    state: {
      dataset: 'cs231n-spiral',
      networkShape: [100],
      activation: 'relu',
      learningRate: 1,
      regularization: 'L2',
      regularizationRate: 0.001,
      batchSize: 1000,
      numSamples: 300,
      percTrainData: 90,
      noise: 0,
    },
  },
  {
    id: 'kill-units',
    title: 'Kill the units (ReLU, learning rate 10)',
    note: 'A learning rate this high pushes ReLU units to output 0 on every point: they are dead and never recover. Try Leaky ReLU with the same rate.',
    state: { dataset: 'circle', networkShape: [8, 8], activation: 'relu', learningRate: 10, batchSize: 10 },
  },
  {
    id: 'xor-relu',
    title: 'XOR with ReLU and Adam',
    note: 'XOR learned from x and y alone by a small ReLU network trained with Adam.',
    state: {
      dataset: 'xor',
      networkShape: [8, 8],
      activation: 'relu',
      learningRate: 0.01,
      optimizer: 'adam',
      batchSize: 10,
    },
  },
];
