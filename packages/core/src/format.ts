/** Format a shape for error messages: `[2, 3]`. */
export const fmtShape = (shape: readonly number[]): string => `[${shape.join(', ')}]`;
