#!/usr/bin/env node
// Reference outputs of the bundled face networks, made by their own framework: TensorFlow.js 4.22 on its pure-JS
// CPU backend, running face-api.js's network code (@vladmandic/face-api 1.7.15) and Human's emotion graph model the
// way Human's gear/emotion.ts feeds it. Our own script; nothing of it ships.
//
//   1. PNG inputs decoded by Affect4J itself (so both sides see the same pixels; JPEG and video decoding differ
//      between decoders):  mvn -q -pl emotion-vision test-compile exec:java ... (see README.md beside this file)
//   2. npm install (in this folder, or anywhere with the package.json's versions)
//   3. node make-face-refs.cjs <face-models dir> <inputs dir> <out.json>
//
// <inputs dir>/inputs.json lists {name, file, kind}: kind "face" = the whole image is a face crop; "frame" = a
// scene, run through the TinyFaceDetector, and each detected face cropped (extractFaceTensors) and classified.
'use strict';
const fs = require('fs');
const path = require('path');
const { PNG } = require('pngjs');
const faceapi = require('@vladmandic/face-api/dist/face-api.node-wasm.js');
const tf = faceapi.tf;

function weightMap(dir, name) {
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, name + '-weights_manifest.json'), 'utf8'));
  const specs = [];
  const buffers = [];
  for (const group of manifest) {
    for (const p of group.paths) buffers.push(fs.readFileSync(path.join(dir, p)));
    specs.push(...group.weights);
  }
  const all = Buffer.concat(buffers);
  return tf.io.decodeWeights(all.buffer.slice(all.byteOffset, all.byteOffset + all.length), specs);
}

async function humanEmotion(dir) {
  const json = JSON.parse(fs.readFileSync(path.join(dir, 'emotion.json'), 'utf8'));
  const bin = fs.readFileSync(path.join(dir, 'emotion.bin'));
  const specs = json.weightsManifest.flatMap((g) => g.weights);
  return tf.loadGraphModel(tf.io.fromMemory({
    modelTopology: json.modelTopology,
    weightSpecs: specs,
    weightData: bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.length),
  }));
}

function readPng(file) {
  const png = PNG.sync.read(fs.readFileSync(file));
  const rgb = new Int32Array(png.width * png.height * 3);
  for (let i = 0; i < png.width * png.height; i++) {
    rgb[3 * i] = png.data[4 * i];
    rgb[3 * i + 1] = png.data[4 * i + 1];
    rgb[3 * i + 2] = png.data[4 * i + 2];
  }
  return tf.tensor3d(rgb, [png.height, png.width, 3], 'int32');
}

// float32 values printed with 9 significant digits: enough to give back the same float32
const argmax = (v) => v.indexOf(Math.max(...v));
const arr = (t) => Array.from(t.dataSync(), (v) => +v.toPrecision(9));

async function faceOutputs(nets, crop) {
  // crop: float32 [h, w, 3], 0..255 RGB
  const input = await faceapi.toNetInput(crop);
  const expressionLogits = tf.tidy(() => nets.expression.runNet(input));
  const expression = tf.tidy(() => nets.expression.forwardInput(input));
  const landmarkRaw = tf.tidy(() => nets.landmarks.runNet(input));
  const landmarks = tf.tidy(() => nets.landmarks.forwardInput(input));
  const tinyRaw = tf.tidy(() => nets.landmarksTiny.runNet(input));
  const human = tf.tidy(() => {
    const resized = tf.image.resizeBilinear(tf.div(tf.expandDims(crop, 0), 255), [64, 64], false);
    const grey = tf.sum(tf.mul(resized, tf.tensor1d([0.2989, 0.5870, 0.1140], 'float32')), 3, true);
    return nets.human.execute(tf.mul(tf.sub(grey, 0.5), 2));
  });
  const out = {
    expressionLogits: arr(expressionLogits),
    expression: arr(expression),
    landmarkRaw: arr(landmarkRaw),
    landmarks: arr(landmarks), // x0, y0, x1, y1 ... relative to the crop's width and height
    landmarkTinyRaw: arr(tinyRaw),
    human: arr(human),
  };
  [expressionLogits, expression, landmarkRaw, landmarks, tinyRaw, human].forEach((t) => t.dispose());
  return out;
}

async function main() {
  const [modelsDir, inputsDir, outFile] = process.argv.slice(2);
  if (!outFile) {
    console.error('usage: node make-face-refs.cjs <face-models dir> <inputs dir> <out.json>');
    process.exit(2);
  }
  await tf.setBackend('cpu');
  await tf.ready();
  const apiDir = path.join(modelsDir, 'face-api');
  const nets = {
    expression: new faceapi.FaceExpressionNet(),
    landmarks: new faceapi.FaceLandmark68Net(),
    landmarksTiny: new faceapi.FaceLandmark68TinyNet(),
    detector: new faceapi.TinyFaceDetector(),
    human: await humanEmotion(path.join(modelsDir, 'human')),
  };
  nets.expression.loadFromWeightMap(weightMap(apiDir, 'face_expression_model'));
  nets.landmarks.loadFromWeightMap(weightMap(apiDir, 'face_landmark_68_model'));
  nets.landmarksTiny.loadFromWeightMap(weightMap(apiDir, 'face_landmark_68_tiny_model'));
  nets.detector.loadFromWeightMap(weightMap(apiDir, 'tiny_face_detector_model'));

  const inputs = JSON.parse(fs.readFileSync(path.join(inputsDir, 'inputs.json'), 'utf8'));
  const results = [];
  const labelled = ['name,face_api_expression_argmax,human_emotion_argmax'];
  for (const item of inputs) {
    const image = tf.cast(readPng(path.join(inputsDir, item.file)), 'float32');
    const [h, w] = image.shape;
    const r = { name: item.name, kind: item.kind, width: w, height: h };
    if (item.kind === 'labelled') {
      // the whole image as the crop: only the classes, for the accuracy comparison (labelled.csv)
      const f = await faceOutputs(nets, image);
      labelled.push([item.name, argmax(f.expression), argmax(f.human)].join(','));
      image.dispose();
      continue;
    }
    if (item.kind === 'face') {
      Object.assign(r, await faceOutputs(nets, image));
    } else {
      const inputSize = item.inputSize || 416;
      const netInput = await faceapi.toNetInput(image);
      const raw = tf.tidy(() => nets.detector.forwardInput(netInput, inputSize));
      r.inputSize = inputSize;
      r.detectorShape = raw.shape;
      r.detectorRaw = arr(raw);
      raw.dispose();
      const detections = await nets.detector.locateFaces(image, { inputSize, scoreThreshold: 0.5 });
      const crops = await faceapi.extractFaceTensors(image, detections);
      r.faces = [];
      for (let i = 0; i < detections.length; i++) {
        const d = detections[i];
        const box = d.box; // pixels
        const face = { score: d.score, box: [box.x, box.y, box.width, box.height], cropShape: crops[i].shape };
        Object.assign(face, await faceOutputs(nets, crops[i]));
        r.faces.push(face);
        crops[i].dispose();
      }
    }
    image.dispose();
    results.push(r);
    console.log(item.name, item.kind, r.faces ? r.faces.length + ' face(s)' : 'face crop');
  }
  const meta = {
    madeBy: 'emotion-vision/src/test/tfjs/make-face-refs.cjs',
    tfjs: tf.version_core,
    faceApi: faceapi.version,
    backend: tf.getBackend(),
    note: 'landmarks are relative to the crop (x / width, y / height); detector boxes are x, y, width, height in pixels',
  };
  fs.writeFileSync(outFile, JSON.stringify({ meta, results }));
  const csv = path.join(path.dirname(outFile), 'labelled.csv');
  fs.writeFileSync(csv, labelled.join('\n') + '\n');
  console.log('wrote', csv, labelled.length - 1, 'labelled images');
  console.log('wrote', outFile, fs.statSync(outFile).size, 'bytes');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
