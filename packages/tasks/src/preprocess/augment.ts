/**
 * Image augmentation: a random shift by whole pixels and a small rotation about the centre,
 * drawn per image from the passed Rng (so augmentation is as reproducible as the rest of a run).
 * Each output pixel samples the source bilinearly at the inverse-transformed position; pixels
 * that come from outside the image are 0 (background), which suits MNIST-style data in [0, 1]
 * and standardised data only approximately (0 is then the mean, not the background).
 */
import { type Rng, Tensor } from '@evoprop/tensor';
import { TaskError } from '../errors.js';

/** Options of {@link augmentImages}. */
export type AugmentOptions = Readonly<{
  /** Largest shift in pixels along each axis (default 2). */
  maxShift?: number;
  /** Largest rotation in degrees either way (default 10). */
  maxRotationDegrees?: number;
  /** [channels, height, width] of one image when x is flat ([n, c·h·w]); read from x when it is [n, c, h, w]. */
  imageShape?: readonly [number, number, number];
}>;

function imageShapeOf(x: Tensor, given: AugmentOptions['imageShape']): readonly [number, number, number] {
  if (x.rank === 4) return [x.shape[1], x.shape[2], x.shape[3]];
  if (given !== undefined && x.rank === 2 && given[0] * given[1] * given[2] === x.shape[1]) return given;
  throw new TaskError(
    `augmentImages: expected x of shape [n, c, h, w], or [n, c·h·w] with a matching imageShape, got x [${x.shape.join(', ')}] and imageShape ${given === undefined ? 'none' : `[${given.join(', ')}]`}`,
  );
}

/** A randomly shifted and rotated copy of a batch of images. */
export function augmentImages(x: Tensor, rng: Rng, options: AugmentOptions = {}): Tensor {
  const [channels, height, width] = imageShapeOf(x, options.imageShape);
  const maxShift = Math.floor(options.maxShift ?? 2);
  const maxAngle = ((options.maxRotationDegrees ?? 10) * Math.PI) / 180;
  const plane = height * width;
  const out = new Float32Array(x.size);
  const cy = (height - 1) / 2;
  const cx = (width - 1) / 2;
  for (let n = 0; n < x.shape[0]; n++) {
    const dx = maxShift > 0 ? rng.int(-maxShift, maxShift + 1) : 0;
    const dy = maxShift > 0 ? rng.int(-maxShift, maxShift + 1) : 0;
    const angle = maxAngle > 0 ? rng.uniform(-maxAngle, maxAngle) : 0;
    const cos = Math.cos(angle);
    const sin = Math.sin(angle);
    for (let i = 0; i < height; i++) {
      for (let j = 0; j < width; j++) {
        // Inverse map: undo the shift, then rotate back by -angle about the centre.
        const u = j - dx - cx;
        const v = i - dy - cy;
        const sx = cos * u + sin * v + cx;
        const sy = -sin * u + cos * v + cy;
        const x0 = Math.floor(sx);
        const y0 = Math.floor(sy);
        const fx = sx - x0;
        const fy = sy - y0;
        for (let c = 0; c < channels; c++) {
          const base = (n * channels + c) * plane;
          const at = (yy: number, xx: number) => (yy >= 0 && yy < height && xx >= 0 && xx < width ? x.data[base + yy * width + xx] : 0);
          out[base + i * width + j] =
            (1 - fy) * ((1 - fx) * at(y0, x0) + fx * at(y0, x0 + 1)) + fy * ((1 - fx) * at(y0 + 1, x0) + fx * at(y0 + 1, x0 + 1));
        }
      }
    }
  }
  return new Tensor(out, x.shape);
}
