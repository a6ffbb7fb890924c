// Writes cpp/nn/option_table.h from the package's option table (web/src/option-specs.ts), so
// the engine's enums, status codes, defaults and bounds have one definition. The header is
// committed (a native build needs no Node); `--check` (run by `npm run lint`) fails when it is
// stale, and the WASM build regenerates it first.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import ts from 'typescript';

import { ROOT } from './tools.mjs';

const SOURCE = join(ROOT, 'web', 'src', 'option-specs.ts');
const HEADER = join(ROOT, 'cpp', 'nn', 'option_table.h');

/** Loads the table module: it imports nothing, so transpiling it alone is enough. */
async function loadSpecs() {
  const js = ts.transpileModule(readFileSync(SOURCE, 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022 },
  }).outputText;
  return import(`data:text/javascript;base64,${Buffer.from(js).toString('base64')}`);
}

const pascal = (name) => name.replace(/(^|_)([a-z])/g, (_, __, c) => c.toUpperCase());
const camelToPascal = (name) => name[0].toUpperCase() + name.slice(1);

/** A C++ double literal that reads back as the same double. */
function cppDouble(v) {
  const s = String(v);
  return /[.eE]/.test(s) ? s : `${s}.0`;
}

function enumBlock(typeName, values, docs) {
  const members = values.map((v, i) => `${pascal(v)} = ${i}`).join(', ');
  return [
    `// ${docs}`,
    `enum class ${typeName} : std::int32_t { ${members} };`,
    `inline constexpr std::int32_t k${typeName}Count = ${values.length};`,
  ].join('\n');
}

function specBlock(prefix, specs, enumTypes) {
  const lines = [];
  for (const [key, spec] of Object.entries(specs)) {
    const name = `k${prefix}${camelToPascal(key)}`;
    lines.push(`// ${key}: ${spec.doc}`);
    if (spec.kind === 'enum') {
      const typeName = enumTypes.get(spec.values);
      if (spec.default !== null)
        lines.push(`inline constexpr ${typeName} ${name}Default = ${typeName}::${pascal(spec.default)};`);
    } else if (spec.integer) {
      lines.push(`inline constexpr IntegerRange ${name}{${spec.default}, ${spec.min}, ${spec.max}};`);
    } else {
      const args = [spec.default, spec.min, spec.max].map(cppDouble).join(', ');
      lines.push(`inline constexpr NumberRange ${name}{${args}, ${spec.maxExclusive ? 'true' : 'false'}};`);
    }
  }
  return lines.join('\n');
}

export async function renderHeader() {
  const s = await loadSpecs();
  const enumTypes = new Map([
    [s.ACTIVATIONS, 'Activation'],
    [s.LOSSES, 'Loss'],
    [s.INITS, 'Init'],
    [s.OPTIMIZERS, 'Optimizer'],
    [s.FEATURE_TYPES, 'FeatureType'],
    [s.PADDINGS, 'Padding'],
    [s.CONV_LAYER_KINDS, 'ConvLayerKind'],
  ]);
  const text = `// Generated from web/src/option-specs.ts by web/scripts/gen-option-table.mjs: do not edit.
// The engine's enums, status codes, defaults and bounds; the TypeScript side validates against
// the same table, and the engine checks again (its guards return InvalidArgument).
#pragma once

#include <cstdint>

namespace relu::nn {

${enumBlock('Activation', s.ACTIVATIONS, 'Hidden activations.')}
${enumBlock('Loss', s.LOSSES, 'Losses on the output logits.')}
${enumBlock('Init', s.INITS, 'Weight initialisations.')}
${enumBlock('Optimizer', s.OPTIMIZERS, 'Update rules.')}
${enumBlock('FeatureType', s.FEATURE_TYPES, 'How a dataset stores its features.')}
${enumBlock('Padding', s.PADDINGS, 'Convolution paddings.')}
${enumBlock('ConvLayerKind', s.CONV_LAYER_KINDS, 'Layer kinds of a convolutional network.')}
// Results of every fallible engine call (meanings in nn/status.h).
enum class Status : std::int32_t { ${s.STATUS_NAMES.map((n, i) => `${n} = ${i}`).join(', ')} };
inline constexpr const char* kStatusNames[] = { ${s.STATUS_NAMES.map((n) => `"${n}"`).join(', ')} };

// A number option: default, inclusive minimum, maximum (exclusive when max_exclusive).
struct NumberRange {
  double default_value, min, max;
  bool max_exclusive;
  // False for NaN.
  constexpr bool contains(double v) const { return v >= min && (max_exclusive ? v < max : v <= max); }
};
// A whole-number option: default, inclusive minimum and maximum.
struct IntegerRange {
  std::int64_t default_value, min, max;
  constexpr bool contains(std::int64_t v) const { return v >= min && v <= max; }
};

inline constexpr std::int32_t kMaxLayers = ${s.MAX_LAYERS};
inline constexpr std::int32_t kMaxUnits = ${s.MAX_UNITS};
inline constexpr std::int32_t kMaxChannels = ${s.MAX_CHANNELS};
inline constexpr std::int32_t kMaxImageSide = ${s.MAX_IMAGE_SIDE};

// createMLP
${specBlock('Mlp', s.MLP_OPTION_SPECS, enumTypes)}

// One layer of createConvNet (its other options are createMLP's)
${specBlock('ConvLayer', s.CONV_LAYER_SPECS, enumTypes)}

// One update (trainStep, and each step of train)
${specBlock('Train', s.TRAIN_OPTION_SPECS, enumTypes)}

// The minibatch loop (train)
${specBlock('Loop', s.LOOP_OPTION_SPECS, enumTypes)}

// A dataset in engine memory (createDataset)
${specBlock('Dataset', s.DATASET_OPTION_SPECS, enumTypes)}

// Passes over a dataset (trainOn)
${specBlock('Data', s.EPOCH_OPTION_SPECS, enumTypes)}

// Evaluation over a dataset's rows (evaluate)
${specBlock('Eval', s.EVALUATE_OPTION_SPECS, enumTypes)}

// The gradient check (gradientCheck)
${specBlock('GradCheck', s.GRADIENT_CHECK_OPTION_SPECS, enumTypes)}

}  // namespace relu::nn
`;
  // Formatted as lint expects, so the check compares like with like.
  return execFileSync('clang-format', [`--assume-filename=${HEADER}`], { input: text, encoding: 'utf8' });
}

/** The committed header, or '' when there is none yet (a stale header either way). */
function currentHeader() {
  return existsSync(HEADER) ? readFileSync(HEADER, 'utf8') : '';
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const header = await renderHeader();
  if (process.argv.includes('--check')) {
    if (currentHeader() !== header) {
      console.error(
        'cpp/nn/option_table.h is stale: run `node web/scripts/gen-option-table.mjs` (web/src/option-specs.ts changed)',
      );
      process.exit(1);
    }
  } else if (currentHeader() !== header) {
    writeFileSync(HEADER, header);
    console.log('wrote cpp/nn/option_table.h');
  }
}
