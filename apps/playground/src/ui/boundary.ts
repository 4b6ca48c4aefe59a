import type { RacePoints } from '../race/messages.js';
import { EXTENT, GRID } from '../race/run-strategy.js';

// TensorFlow Playground's colours: orange for class 0, blue for class 1.
const CLASS0 = [245, 147, 34];
const CLASS1 = [8, 119, 189];

/** Paint P(class 1) over the grid, then the training points (filled) and test points (ringed). */
export function drawBoundary(canvas: HTMLCanvasElement, boundary: Float32Array | null, points: RacePoints | null): void {
  const g = canvas.getContext('2d');
  if (g === null) return;
  const { width, height } = canvas;
  g.clearRect(0, 0, width, height);
  if (boundary !== null) {
    const image = g.createImageData(GRID, GRID);
    for (let i = 0; i < GRID * GRID; i++) {
      const p = boundary[i] ?? 0.5;
      const strength = Math.min(1, Math.abs(p - 0.5) * 2);
      const c = p >= 0.5 ? CLASS1 : CLASS0;
      for (let k = 0; k < 3; k++) image.data[4 * i + k] = Math.round(255 + ((c[k] as number) - 255) * strength * 0.6);
      image.data[4 * i + 3] = 255;
    }
    const tile = document.createElement('canvas');
    tile.width = GRID;
    tile.height = GRID;
    tile.getContext('2d')?.putImageData(image, 0, 0);
    g.imageSmoothingEnabled = true;
    g.drawImage(tile, 0, 0, width, height);
  }
  if (points === null) return;
  const px = (x: number) => ((x + EXTENT) / (2 * EXTENT)) * width;
  const py = (y: number) => ((EXTENT - y) / (2 * EXTENT)) * height;
  const dot = (x: Float32Array, y: Float32Array, test: boolean) => {
    for (let i = 0; i < y.length; i++) {
      const c = (y[i] ?? 0) >= 0.5 ? CLASS1 : CLASS0;
      g.beginPath();
      g.arc(px(x[2 * i] ?? 0), py(x[2 * i + 1] ?? 0), 2.5, 0, 2 * Math.PI);
      g.fillStyle = test ? '#fff' : `rgb(${c.join(',')})`;
      g.strokeStyle = test ? `rgb(${c.join(',')})` : '#fff';
      g.lineWidth = test ? 1.5 : 0.5;
      g.fill();
      g.stroke();
    }
  };
  dot(points.trainX, points.trainY, false);
  dot(points.testX, points.testY, true);
}
