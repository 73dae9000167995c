#!/usr/bin/env node
// Runs every model dumped by bench/OrtOutputsDump.java in onnxruntime-node (CPU, 1 intra-op thread,
// graph optimisation level 'all', as CompressLab runs ONNX Runtime Java) on the same input and compares the
// output with ONNX Runtime Java's bit for bit.
//
// Usage: node compare.js DUMP_DIR RESULT.json
// Writes RESULT.json (per model: elements, identical elements, max abs diff, identical true/false) and exits
// with 1 when any model's output differs (2 on a usage or load error).
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const ort = require('onnxruntime-node');

function readFloats(file) {
  const bytes = fs.readFileSync(file);
  if (bytes.length % 4 !== 0) {
    throw new Error(`${file}: ${bytes.length} bytes is not a whole number of float32 values`);
  }
  // copy into an aligned buffer; the files are little-endian, as is this machine (checked in main)
  const copy = new ArrayBuffer(bytes.length);
  new Uint8Array(copy).set(bytes);
  return new Float32Array(copy);
}

// The native ONNX Runtime library actually loaded by the binding carries its version as a symbol version
// (VERS_x.y.z); report it beside the npm package's version. Best effort: null when not found.
function nativeRuntimeVersion() {
  try {
    const dir = path.join(path.dirname(require.resolve('onnxruntime-node/package.json')), 'bin',
        'napi-v6', process.platform, process.arch);
    const lib = fs.readdirSync(dir).find((f) => /^(lib)?onnxruntime\.(so|dylib|dll)/.test(f));
    const text = fs.readFileSync(path.join(dir, lib)).toString('latin1');
    const versions = [...text.matchAll(/VERS_(\d+\.\d+\.\d+)/g)].map((m) => m[1]);
    const key = (v) => v.split('.').map((n) => n.padStart(5, '0')).join('.');
    return versions.length ? versions.sort((a, b) => key(a).localeCompare(key(b))).pop() : null;
  } catch (e) {
    return null;
  }
}

async function compareOne(dir, manifestFile) {
  const m = JSON.parse(fs.readFileSync(path.join(dir, manifestFile), 'utf8'));
  const input = readFloats(path.join(dir, m.input_file));
  const expected = readFloats(path.join(dir, m.output_file));
  const modelPath = fs.existsSync(m.model_absolute) ? m.model_absolute : m.model;
  const session = await ort.InferenceSession.create(modelPath, {
    executionProviders: ['cpu'],
    intraOpNumThreads: 1,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    graphOptimizationLevel: 'all',
  });
  try {
    const feeds = { [m.input_name]: new ort.Tensor('float32', input, m.input_shape) };
    const outputs = await session.run(feeds, [m.output_name]);
    const out = outputs[m.output_name];
    if (out.type !== 'float32') {
      throw new Error(`${m.name}: output ${m.output_name} is ${out.type}, not float32`);
    }
    const shapeMatches = JSON.stringify(Array.from(out.dims)) === JSON.stringify(m.output_shape);
    const actual = out.data;
    const elements = expected.length;
    const expectedBits = new Uint32Array(expected.buffer, expected.byteOffset, expected.length);
    const actualBits = new Uint32Array(actual.buffer, actual.byteOffset, actual.length);
    let identicalElements = 0;
    let maxAbsDiff = 0;
    let nanMismatches = 0;
    const n = Math.min(expected.length, actual.length);
    for (let i = 0; i < n; i++) {
      if (expectedBits[i] === actualBits[i]) {
        identicalElements++;
        continue;
      }
      const d = Math.abs(expected[i] - actual[i]);
      if (Number.isNaN(d)) {
        nanMismatches++;
      } else if (d > maxAbsDiff) {
        maxAbsDiff = d;
      }
    }
    const identical = shapeMatches && actual.length === expected.length && identicalElements === elements;
    return {
      name: m.name,
      model: m.model,
      model_sha256: m.model_sha256,
      input_shape: m.input_shape,
      output_name: m.output_name,
      output_shape_java: m.output_shape,
      output_shape_node: Array.from(out.dims),
      elements,
      identical_elements: identicalElements,
      max_abs_diff: maxAbsDiff,
      nan_mismatches: nanMismatches,
      identical,
    };
  } finally {
    await session.release();
  }
}

async function main() {
  const [dir, resultFile] = process.argv.slice(2);
  if (!dir || !resultFile) {
    console.error('usage: node compare.js DUMP_DIR RESULT.json');
    process.exit(2);
  }
  if (os.endianness() !== 'LE') {
    throw new Error('the dump files are little-endian; this machine is not');
  }
  const manifests = fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  if (manifests.length === 0) {
    throw new Error(`${dir}: no manifests (*.json) from OrtOutputsDump`);
  }
  const pkg = require('onnxruntime-node/package.json');
  const javaRuntimes = new Set();
  const models = [];
  for (const f of manifests) {
    javaRuntimes.add(JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')).runtime);
    const r = await compareOne(dir, f);
    models.push(r);
    console.log(`${r.identical ? 'IDENTICAL' : 'DIFFERENT'}  ${r.name.padEnd(24)} ${r.identical_elements}/${r.elements}`
        + ` equal, max abs diff ${r.max_abs_diff}`);
  }
  const result = {
    date: new Date().toISOString(),
    java_runtime: [...javaRuntimes].join(', '),
    node_runtime: `onnxruntime-node ${pkg.version}`,
    node_runtime_versions: ort.env.versions,
    node_native_library_version: nativeRuntimeVersion(),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    cpu: os.cpus()[0] ? os.cpus()[0].model : null,
    session_options: { executionProviders: ['cpu'], intraOpNumThreads: 1, graphOptimizationLevel: 'all' },
    comparison: 'bitwise (float32 bit patterns)',
    all_identical: models.every((r) => r.identical),
    models,
  };
  fs.mkdirSync(path.dirname(path.resolve(resultFile)), { recursive: true });
  fs.writeFileSync(resultFile, JSON.stringify(result, null, 2) + '\n');
  console.log(`${result.all_identical ? 'all identical' : 'SOME MODELS DIFFER'}; wrote ${resultFile}`);
  process.exit(result.all_identical ? 0 : 1);
}

main().catch((e) => {
  console.error(`compare.js: ${e && e.stack ? e.stack : e}`);
  process.exit(2);
});
