import { describe, expect, it } from 'vitest';
import { renderGenomeSvg } from './svg.js';
import { genomeOf } from './test-helpers.js';

describe('renderGenomeSvg', () => {
  const g = genomeOf(2, 1, [
    [0, 0, 3, 0.7],
    [1, 1, 3, -0.4, false],
    [2, 2, 3, 0.2],
    [3, 1, 4, 1.1],
    [4, 4, 3, -0.9],
    [5, 4, 4, 0.5],
    [6, 3, 4, 0.3],
  ]);

  it('draws every node and link, with disabled links dashed and recurrent ones as arcs', () => {
    const svg = renderGenomeSvg(g, { title: 'a <test>' });
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg.endsWith('</svg>')).toBe(true);
    expect(svg.match(/<circle/g)).toHaveLength(5);
    expect(svg.match(/class="link"/g)).toHaveLength(7);
    expect(svg.match(/stroke-dasharray/g)).toHaveLength(1);
    expect(svg.match(/<path class="link"/g)).toHaveLength(2); // self-loop 4→4 and back edge 3→4
    expect(svg).toContain('a &#60;test&#62;');
    expect(renderGenomeSvg(g, { showDisabled: false }).match(/class="link"/g)).toHaveLength(6);
  });

  it('puts inputs left of the hidden node and the output rightmost', () => {
    const svg = renderGenomeSvg(
      genomeOf(2, 1, [
        [0, 0, 4, 1],
        [1, 4, 3, 1],
      ]),
    );
    const x = (label: string) => Number(new RegExp(`cx="([\\d.]+)"[^>]*/><text[^>]*>${label}<`).exec(svg)?.[1]);
    expect(x('x0')).toBeLessThan(x('4'));
    expect(x('4')).toBeLessThan(x('y0'));
  });
});
