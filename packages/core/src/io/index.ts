// @evoprop/core/io: model files (a JSON spec plus weights in the safetensors format).
export { saveModel, loadModel, saveModelFile, loadModelFile, type LoadModelOptions } from './model-file.js';
export {
  readSafetensors,
  writeSafetensors,
  type SafetensorsEntry,
  type SafetensorsContents,
  type ReadSafetensorsOptions,
} from './safetensors.js';
